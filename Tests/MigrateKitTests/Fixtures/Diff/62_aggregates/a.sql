CREATE FUNCTION add_int(state integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT state + v $$;
CREATE AGGREGATE my_sum(integer) (SFUNC = add_int, STYPE = integer, INITCOND = '0');
CREATE FUNCTION old_step(state text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT state || v $$;
CREATE AGGREGATE old_concat(text) (SFUNC = old_step, STYPE = text, INITCOND = '');
CREATE TABLE readings (id integer PRIMARY KEY, value integer, label text);
CREATE VIEW old_summary AS SELECT old_concat(label) AS labels FROM readings;
