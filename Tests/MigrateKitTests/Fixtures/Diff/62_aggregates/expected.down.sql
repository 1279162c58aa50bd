SET LOCAL check_function_bodies = off;
DROP VIEW "public"."summary";
DROP AGGREGATE "public"."Count All"(*);
DROP AGGREGATE "public"."moving_sum"(integer);
DROP AGGREGATE "public"."my_max"(integer);
DROP AGGREGATE "public"."my_percentile"(double precision, double precision);
DROP AGGREGATE "public"."my_rank"("any");
DROP FUNCTION "public"."sub_int"(integer, integer);
CREATE OR REPLACE AGGREGATE public.my_sum(integer) (SFUNC = public.add_int, STYPE = integer, FINALFUNC_MODIFY = READ_ONLY, INITCOND = '0');
COMMENT ON AGGREGATE "public"."my_sum"(integer) IS NULL;
CREATE OR REPLACE FUNCTION public.old_step(state text, v text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT state || v $function$;
CREATE OR REPLACE AGGREGATE public.old_concat(text) (SFUNC = public.old_step, STYPE = text, FINALFUNC_MODIFY = READ_ONLY, INITCOND = '');
CREATE VIEW "public"."old_summary" AS
 SELECT public.old_concat(readings.label) AS labels
   FROM public.readings;
