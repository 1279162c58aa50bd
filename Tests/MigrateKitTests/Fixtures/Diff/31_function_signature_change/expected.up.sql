SET LOCAL check_function_bodies = off;
ALTER TABLE "public"."t" ALTER COLUMN "code" DROP DEFAULT;
DROP VIEW "public"."labelled";
DROP FUNCTION "public"."label"(integer);
DROP FUNCTION "public"."next_code"();
CREATE OR REPLACE FUNCTION public.label(value integer)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT 'n' || value $function$;
CREATE VIEW "public"."labelled" AS
 SELECT t.id,
    public.label(t.n) AS l
   FROM public.t;
CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS bigint
 LANGUAGE sql
AS $function$ SELECT 2::bigint $function$;
ALTER TABLE "public"."t" ALTER COLUMN "code" SET DEFAULT public.next_code();
CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN NEW.n := NEW.n + 2; RETURN NEW; END $function$;
