-- DESTRUCTIVE: drops column public.customers.route
ALTER TABLE "public"."customers" DROP COLUMN "route";
DROP TYPE "public"."segment";
DROP TYPE "public"."Point 3";
-- DESTRUCTIVE: drops attribute country of type public.address (values stored in it are lost)
ALTER TYPE "public"."address" DROP ATTRIBUTE "country";
ALTER TYPE "public"."address" ADD ATTRIBUTE "zip" character varying(10);
COMMENT ON TYPE "public"."address" IS 'postal address';
CREATE TYPE "public"."dropped" AS ("x" integer);
-- DESTRUCTIVE: rebuilds composite type public.money_pair (values of columns that use it are converted through text)
ALTER TYPE "public"."money_pair" RENAME TO "money_pair_migrate_old";
CREATE TYPE "public"."money_pair" AS ("amount" numeric, "currency" character(3));
-- DESTRUCTIVE: rebuilds composite type public.reordered (values of columns that use it are converted through text)
ALTER TYPE "public"."reordered" RENAME TO "reordered_migrate_old";
CREATE TYPE "public"."reordered" AS ("a" integer, "b" integer);
ALTER TYPE "public"."unused_retype" ALTER ATTRIBUTE "a" TYPE integer;
ALTER TYPE "public"."unused_retype" ALTER ATTRIBUTE "b" TYPE text;
ALTER TABLE "public"."customers" ALTER COLUMN "price" TYPE public.money_pair USING "price"::text::public.money_pair;
DROP TYPE "public"."money_pair_migrate_old";
DROP TYPE "public"."reordered_migrate_old";
