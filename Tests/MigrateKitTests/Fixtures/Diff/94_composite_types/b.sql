-- Composite types: attributes dropped and appended in place while a column stores the type, an attribute
-- retyped in place when nothing stores it, a rebuild (through text) when a stored attribute changes type or
-- the order changes, new types nested in each other and used by a new column, attribute comments.
CREATE TYPE address AS (street text, city text, country text);
COMMENT ON TYPE address IS 'postal address, worldwide';
COMMENT ON COLUMN address.country IS 'ISO 3166 code';
CREATE TYPE money_pair AS (amount numeric(12, 2), currency char(3));
CREATE TYPE unused_retype AS (a bigint, b text COLLATE "C");
CREATE TYPE reordered AS (b integer, a integer);
CREATE TYPE "Point 3" AS (x double precision, y double precision, z double precision);
CREATE TYPE segment AS ("from" "Point 3", "to" "Point 3");
CREATE TABLE customers (id integer PRIMARY KEY, home address, price money_pair, route segment);
CREATE FUNCTION city_of(a address) RETURNS text LANGUAGE sql AS $$ SELECT a.city $$;
