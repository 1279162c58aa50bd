CREATE TYPE float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE text_range AS RANGE (subtype = text, collation = "C");
CREATE TYPE dropped_range AS RANGE (subtype = int4);
CREATE FUNCTION time_diff(a time, b time) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT EXTRACT(EPOCH FROM (a - b))::float8 $$;
CREATE TABLE bookings (id integer PRIMARY KEY, slot float_range, names text_range);
