ALTER TABLE "public"."t" ALTER COLUMN "m" DROP DEFAULT;
-- DESTRUCTIVE: removes value(s) 'very sad', 'ok', 'ecstatic' from enum public.mood (rows that hold them make the migration fail)
ALTER TYPE "public"."mood" RENAME TO "mood_migrate_old";
CREATE TYPE "public"."mood" AS ENUM ('sad', 'happy');
-- DESTRUCTIVE: removes value(s) 'xs', 'l' from enum public.size (rows that hold them make the migration fail)
ALTER TYPE "public"."size" RENAME TO "size_migrate_old";
CREATE TYPE "public"."size" AS ENUM ('s', 'm');
ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE public.mood USING "m"::text::public.mood;
ALTER TABLE "public"."t" ALTER COLUMN "m" SET DEFAULT 'sad'::public.mood;
ALTER TABLE "public"."t" ALTER COLUMN "s" TYPE public.size USING "s"::text::public.size;
DROP TYPE "public"."mood_migrate_old";
DROP TYPE "public"."size_migrate_old";
