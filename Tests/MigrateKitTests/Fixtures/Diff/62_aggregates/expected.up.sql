SET LOCAL check_function_bodies = off;
DROP VIEW "public"."old_summary";
DROP AGGREGATE "public"."old_concat"(text);
DROP FUNCTION "public"."old_step"(text, text);
CREATE OR REPLACE AGGREGATE public."Count All"(*) (SFUNC = int8inc, STYPE = bigint, FINALFUNC_MODIFY = READ_ONLY, INITCOND = '0');
COMMENT ON AGGREGATE "public"."Count All"(*) IS 'rows';
CREATE OR REPLACE AGGREGATE public.my_max(integer) (SFUNC = int4larger, STYPE = integer, FINALFUNC_MODIFY = READ_ONLY, SORTOP = OPERATOR(pg_catalog.>));
CREATE OR REPLACE AGGREGATE public.my_percentile(double precision ORDER BY double precision) (SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE);
CREATE OR REPLACE AGGREGATE public.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE, HYPOTHETICAL);
CREATE OR REPLACE AGGREGATE public.my_sum(integer) (SFUNC = public.add_int, STYPE = integer, FINALFUNC_MODIFY = READ_ONLY, INITCOND = '100');
COMMENT ON AGGREGATE "public"."my_sum"(integer) IS 'sum from one hundred';
CREATE OR REPLACE FUNCTION public.sub_int(state integer, v integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT state - v $function$;
CREATE OR REPLACE AGGREGATE public.moving_sum(integer) (SFUNC = public.add_int, STYPE = integer, FINALFUNC_MODIFY = READ_ONLY, COMBINEFUNC = public.add_int, INITCOND = '0', MSFUNC = public.add_int, MINVFUNC = public.sub_int, MSTYPE = integer, MFINALFUNC_MODIFY = READ_ONLY, MINITCOND = '0', PARALLEL = SAFE);
CREATE VIEW "public"."summary" AS
 SELECT public.my_sum(readings.value) AS total,
    public.moving_sum(readings.value) AS moving,
    public.my_max(readings.value) AS highest,
    public.my_percentile((0.5)::double precision) WITHIN GROUP (ORDER BY ((readings.value)::double precision)) AS median,
    public.my_rank(3) WITHIN GROUP (ORDER BY readings.value) AS rank_of_three,
    public."Count All"(*) AS readings
   FROM public.readings;
