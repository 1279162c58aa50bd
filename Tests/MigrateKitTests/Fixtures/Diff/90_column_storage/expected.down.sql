-- DESTRUCTIVE: drops table public.Archive
DROP TABLE "public"."Archive";
-- DESTRUCTIVE: drops column public.docs.added
ALTER TABLE "public"."docs" DROP COLUMN "added";
ALTER TABLE "public"."docs" ALTER COLUMN "body" SET STORAGE EXTERNAL;
ALTER TABLE "public"."docs" ALTER COLUMN "id" SET STATISTICS -1;
-- DESTRUCTIVE: changes the type of column public.docs.note from text to character varying(100)
ALTER TABLE "public"."docs" ALTER COLUMN "note" TYPE character varying(100);
ALTER TABLE "public"."docs" ALTER COLUMN "note" SET STORAGE MAIN;
ALTER TABLE "public"."docs" ALTER COLUMN "note" RESET (n_distinct, n_distinct_inherited);
ALTER TABLE "public"."docs" ALTER COLUMN "note" SET (n_distinct=100);
ALTER TABLE "public"."docs" ADD COLUMN "old_blob" bytea;
ALTER TABLE "public"."docs" ALTER COLUMN "old_blob" SET STORAGE PLAIN;
ALTER TABLE "public"."docs" ALTER COLUMN "payload" SET STORAGE EXTENDED;
ALTER TABLE "public"."docs" ALTER COLUMN "payload" SET COMPRESSION default;
ALTER TABLE "public"."docs" ALTER COLUMN "score" SET STATISTICS 500;
ALTER TABLE "public"."docs" ALTER COLUMN "summary" SET COMPRESSION pglz;
