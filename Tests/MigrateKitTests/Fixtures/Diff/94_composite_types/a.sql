CREATE TYPE address AS (street text, city text, zip varchar(10));
COMMENT ON TYPE address IS 'postal address';
CREATE TYPE money_pair AS (amount numeric, currency char(3));
CREATE TYPE unused_retype AS (a integer, b text);
CREATE TYPE reordered AS (a integer, b integer);
CREATE TYPE dropped AS (x integer);
CREATE TABLE customers (id integer PRIMARY KEY, home address, price money_pair);
CREATE FUNCTION city_of(a address) RETURNS text LANGUAGE sql AS $$ SELECT a.city $$;
