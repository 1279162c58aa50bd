ALTER TABLE "public"."t" DROP CONSTRAINT "t_not_legacy";
ALTER TYPE "public"."status" ADD VALUE 'legacy' AFTER 'active';
ALTER TABLE "public"."t" ADD CONSTRAINT "t_not_legacy" CHECK ((s <> 'legacy'::public.status));
