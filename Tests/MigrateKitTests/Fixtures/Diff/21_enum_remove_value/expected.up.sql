SET LOCAL check_function_bodies = off;
ALTER TABLE "public"."t" ALTER COLUMN "history" DROP DEFAULT;
ALTER TABLE "public"."t" ALTER COLUMN "s" DROP DEFAULT;
ALTER TABLE "public"."t" DROP CONSTRAINT "t_not_legacy";
DROP INDEX "public"."t_active_idx";
DROP VIEW "public"."active_t";
DROP FUNCTION "public"."is_open"(public.status);
-- DESTRUCTIVE: removes value(s) 'legacy' from enum public.status (rows that hold them make the migration fail)
ALTER TYPE "public"."status" RENAME TO "status_migrate_old";
CREATE TYPE "public"."status" AS ENUM ('new', 'active', 'closed');
ALTER TABLE "public"."t" ALTER COLUMN "history" TYPE public.status[] USING "history"::text::public.status[];
ALTER TABLE "public"."t" ALTER COLUMN "history" SET DEFAULT '{}'::public.status[];
ALTER TABLE "public"."t" ALTER COLUMN "s" TYPE public.status USING "s"::text::public.status;
ALTER TABLE "public"."t" ALTER COLUMN "s" SET DEFAULT 'new'::public.status;
ALTER TABLE "public"."t" ADD CONSTRAINT "t_not_legacy" CHECK ((s <> 'closed'::public.status));
CREATE INDEX "t_active_idx" ON "public"."t" USING btree (id) WHERE (s = 'active'::public.status);
CREATE VIEW "public"."active_t" AS
 SELECT t.id,
    t.s
   FROM public.t
  WHERE (t.s = 'active'::public.status);
CREATE OR REPLACE FUNCTION public.is_open(value public.status)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT value <> 'closed' $function$;
DROP TYPE "public"."status_migrate_old";
