-- DESTRUCTIVE: drops column public.people.code
ALTER TABLE "public"."people" DROP COLUMN "code";
DROP COLLATION "public"."Changed ICU";
DROP COLLATION "text_rules"."numeric";
DROP SCHEMA "text_rules";
-- DESTRUCTIVE: drops column public.people.email
ALTER TABLE "public"."people" DROP COLUMN "email";
DROP DOMAIN "public"."email";
DROP COLLATION "public"."case_insensitive";
CREATE COLLATION "public"."Changed ICU" (provider = icu, locale = 'de-u-co-phonebk');
CREATE COLLATION "public"."dropped_posix" (provider = libc, lc_collate = 'POSIX', lc_ctype = 'POSIX');
COMMENT ON COLLATION "public"."kept_c" IS 'byte order';
ALTER TABLE "public"."people" ADD COLUMN "old_name" text COLLATE "public"."dropped_posix";
