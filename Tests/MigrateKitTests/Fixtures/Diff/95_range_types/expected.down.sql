-- DESTRUCTIVE: drops column public.bookings.counts
ALTER TABLE "public"."bookings" DROP COLUMN "counts";
DROP TYPE "other"."int_range";
DROP SCHEMA "other";
-- DESTRUCTIVE: drops column public.bookings.during
ALTER TABLE "public"."bookings" DROP COLUMN "during";
-- DESTRUCTIVE: drops column public.bookings.times
ALTER TABLE "public"."bookings" DROP COLUMN "times";
DROP TYPE "public"."time_range";
CREATE TYPE "public"."dropped_range" AS RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = "public"."dropped_multirange");
COMMENT ON TYPE "public"."float_range" IS NULL;
-- DESTRUCTIVE: rebuilds range type public.text_range (values of columns that use it are converted through text)
ALTER TYPE "public"."text_range" RENAME TO "text_range_migrate_old";
ALTER TYPE "public"."text_multirange" RENAME TO "text_multirange_migrate_old";
ALTER FUNCTION "public"."text_range"(text, text) RENAME TO "text_range_migrate_old";
ALTER FUNCTION "public"."text_range"(text, text, text) RENAME TO "text_range_migrate_old";
ALTER FUNCTION "public"."text_multirange"() RENAME TO "text_multirange_migrate_old";
CREATE TYPE "public"."text_range" AS RANGE (SUBTYPE = text, COLLATION = pg_catalog."C", MULTIRANGE_TYPE_NAME = "public"."text_multirange");
ALTER TABLE "public"."bookings" ALTER COLUMN "names" TYPE public.text_range USING "names"::text::public.text_range;
DROP TYPE "public"."text_range_migrate_old";
