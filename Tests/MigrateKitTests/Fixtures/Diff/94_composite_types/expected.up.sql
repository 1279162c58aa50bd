DROP TYPE "public"."dropped";
CREATE TYPE "public"."Point 3" AS ("x" double precision, "y" double precision, "z" double precision);
-- DESTRUCTIVE: drops attribute zip of type public.address (values stored in it are lost)
ALTER TYPE "public"."address" DROP ATTRIBUTE "zip";
ALTER TYPE "public"."address" ADD ATTRIBUTE "country" text;
COMMENT ON COLUMN "public"."address"."country" IS 'ISO 3166 code';
COMMENT ON TYPE "public"."address" IS 'postal address, worldwide';
-- DESTRUCTIVE: rebuilds composite type public.money_pair (values of columns that use it are converted through text)
ALTER TYPE "public"."money_pair" RENAME TO "money_pair_migrate_old";
CREATE TYPE "public"."money_pair" AS ("amount" numeric(12,2), "currency" character(3));
-- DESTRUCTIVE: rebuilds composite type public.reordered (values of columns that use it are converted through text)
ALTER TYPE "public"."reordered" RENAME TO "reordered_migrate_old";
CREATE TYPE "public"."reordered" AS ("b" integer, "a" integer);
CREATE TYPE "public"."segment" AS ("from" public."Point 3", "to" public."Point 3");
ALTER TYPE "public"."unused_retype" ALTER ATTRIBUTE "a" TYPE bigint;
ALTER TYPE "public"."unused_retype" ALTER ATTRIBUTE "b" TYPE text COLLATE pg_catalog."C";
ALTER TABLE "public"."customers" ALTER COLUMN "price" TYPE public.money_pair USING "price"::text::public.money_pair;
ALTER TABLE "public"."customers" ADD COLUMN "route" public.segment;
DROP TYPE "public"."money_pair_migrate_old";
DROP TYPE "public"."reordered_migrate_old";
