DROP COLLATION "public"."Changed ICU";
-- DESTRUCTIVE: drops column public.people.old_name
ALTER TABLE "public"."people" DROP COLUMN "old_name";
DROP COLLATION "public"."dropped_posix";
CREATE SCHEMA "text_rules";
CREATE COLLATION "public"."Changed ICU" (provider = icu, locale = 'sv-SE');
CREATE COLLATION "public"."case_insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION "public"."kept_c" IS 'byte order, unchanged';
CREATE COLLATION "text_rules"."numeric" (provider = icu, locale = 'en-u-kn-true');
CREATE DOMAIN "public"."email" AS text COLLATE "public"."case_insensitive";
ALTER TABLE "public"."people" ADD COLUMN "code" text COLLATE "text_rules"."numeric";
ALTER TABLE "public"."people" ADD COLUMN "email" public.email;
CREATE INDEX "people_code" ON "public"."people" USING btree (code COLLATE public."Changed ICU");
