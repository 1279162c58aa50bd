-- DESTRUCTIVE: drops column public.docs.old_blob
ALTER TABLE "public"."docs" DROP COLUMN "old_blob";
CREATE TABLE "public"."Archive" (
    "Body" text COMPRESSION pglz,
    "tags" text[]
);
ALTER TABLE "public"."Archive" ALTER COLUMN "Body" SET STORAGE EXTERNAL;
ALTER TABLE "public"."Archive" ALTER COLUMN "tags" SET STATISTICS 0;
ALTER TABLE "public"."Archive" ALTER COLUMN "tags" SET (n_distinct=5);
ALTER TABLE "public"."docs" ADD COLUMN "added" text COMPRESSION pglz;
ALTER TABLE "public"."docs" ALTER COLUMN "added" SET STORAGE EXTERNAL;
ALTER TABLE "public"."docs" ALTER COLUMN "added" SET STATISTICS 50;
ALTER TABLE "public"."docs" ALTER COLUMN "body" SET STORAGE MAIN;
ALTER TABLE "public"."docs" ALTER COLUMN "id" SET STATISTICS 1000;
ALTER TABLE "public"."docs" ALTER COLUMN "note" TYPE text;
ALTER TABLE "public"."docs" ALTER COLUMN "note" SET STORAGE MAIN;
ALTER TABLE "public"."docs" ALTER COLUMN "note" RESET (n_distinct);
ALTER TABLE "public"."docs" ALTER COLUMN "note" SET (n_distinct=-0.5, n_distinct_inherited=10);
ALTER TABLE "public"."docs" ALTER COLUMN "payload" SET STORAGE EXTERNAL;
ALTER TABLE "public"."docs" ALTER COLUMN "payload" SET COMPRESSION pglz;
ALTER TABLE "public"."docs" ALTER COLUMN "score" SET STATISTICS -1;
ALTER TABLE "public"."docs" ALTER COLUMN "summary" SET COMPRESSION default;
