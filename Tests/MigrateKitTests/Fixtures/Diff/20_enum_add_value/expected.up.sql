ALTER TABLE "public"."t" ALTER COLUMN "m" DROP DEFAULT;
ALTER TYPE "public"."mood" ADD VALUE 'very sad' BEFORE 'sad';
ALTER TYPE "public"."mood" ADD VALUE 'ok' AFTER 'sad';
ALTER TYPE "public"."mood" ADD VALUE 'ecstatic' AFTER 'happy';
ALTER TYPE "public"."size" ADD VALUE 'xs' BEFORE 's';
ALTER TYPE "public"."size" ADD VALUE 'l' AFTER 'm';
ALTER TABLE "public"."t" ALTER COLUMN "m" SET DEFAULT 'ok'::public.mood;
