-- Aggregates: a changed one (CREATE OR REPLACE), a dropped one with the view using it, and new ones with
-- moving-aggregate, combine, parallel, sort-operator, ordered-set, hypothetical and zero-argument options.
CREATE FUNCTION add_int(state integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT state + v $$;
CREATE FUNCTION sub_int(state integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT state - v $$;
CREATE AGGREGATE my_sum(integer) (SFUNC = add_int, STYPE = integer, INITCOND = '100');
COMMENT ON AGGREGATE my_sum(integer) IS 'sum from one hundred';
CREATE AGGREGATE moving_sum(integer) (
    SFUNC = add_int, STYPE = integer, INITCOND = '0', COMBINEFUNC = add_int, PARALLEL = SAFE,
    MSFUNC = add_int, MINVFUNC = sub_int, MSTYPE = integer, MINITCOND = '0'
);
CREATE AGGREGATE my_max(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
CREATE AGGREGATE my_percentile(double precision ORDER BY double precision) (
    SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA
);
CREATE AGGREGATE my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL
);
CREATE AGGREGATE "Count All"(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
COMMENT ON AGGREGATE "Count All"(*) IS 'rows';
CREATE TABLE readings (id integer PRIMARY KEY, value integer, label text);
CREATE VIEW summary AS
    SELECT my_sum(value) AS total, moving_sum(value) AS moving, my_max(value) AS highest,
        my_percentile(0.5) WITHIN GROUP (ORDER BY value::double precision) AS median,
        my_rank(3) WITHIN GROUP (ORDER BY value) AS rank_of_three, "Count All"(*) AS readings
    FROM readings;
