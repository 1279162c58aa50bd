DROP TYPE "public"."dropped_range";
CREATE SCHEMA "other";
CREATE TYPE "other"."int_range" AS RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = "other"."int_multirange");
COMMENT ON TYPE "public"."float_range" IS 'seconds';
-- DESTRUCTIVE: rebuilds range type public.text_range (values of columns that use it are converted through text)
ALTER TYPE "public"."text_range" RENAME TO "text_range_migrate_old";
ALTER TYPE "public"."text_multirange" RENAME TO "text_multirange_migrate_old";
ALTER FUNCTION "public"."text_range"(text, text) RENAME TO "text_range_migrate_old";
ALTER FUNCTION "public"."text_range"(text, text, text) RENAME TO "text_range_migrate_old";
ALTER FUNCTION "public"."text_multirange"() RENAME TO "text_multirange_migrate_old";
CREATE TYPE "public"."text_range" AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = pg_catalog.text_pattern_ops, COLLATION = pg_catalog."POSIX", MULTIRANGE_TYPE_NAME = "public"."text_multirange");
CREATE TYPE "public"."time_range" AS RANGE (SUBTYPE = time without time zone, SUBTYPE_DIFF = public.time_diff, MULTIRANGE_TYPE_NAME = "public"."time_ranges");
ALTER TABLE "public"."bookings" ADD COLUMN "counts" other.int_range;
ALTER TABLE "public"."bookings" ADD COLUMN "during" public.time_range;
ALTER TABLE "public"."bookings" ALTER COLUMN "names" TYPE public.text_range USING "names"::text::public.text_range;
ALTER TABLE "public"."bookings" ADD COLUMN "times" public.time_ranges;
DROP TYPE "public"."text_range_migrate_old";
