-- Range types: a comment, a changed definition (rebuilt with its multirange type while a column uses it),
-- new ones with a SUBTYPE_DIFF function, a non-default operator class, a multirange type name of their own
-- and a column of the multirange type, one in another schema, one dropped.
CREATE TYPE float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
COMMENT ON TYPE float_range IS 'seconds';
CREATE TYPE text_range AS RANGE (subtype = text, collation = "POSIX", subtype_opclass = text_pattern_ops);
CREATE FUNCTION time_diff(a time, b time) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT EXTRACT(EPOCH FROM (a - b))::float8 $$;
CREATE TYPE time_range AS RANGE (subtype = time, subtype_diff = time_diff, multirange_type_name = time_ranges);
CREATE SCHEMA other;
CREATE TYPE other.int_range AS RANGE (subtype = int4, subtype_opclass = int4_ops);
CREATE TABLE bookings (
    id integer PRIMARY KEY, slot float_range, names text_range, times time_ranges, during time_range,
    counts other.int_range
);
