-- SQL-function bodies are checked at CREATE time and record no dependency (the issue's
-- inventory_in_stock case): "a_in_stock" calls "z_stock", which a plan sorted by name creates later.
CREATE FUNCTION z_stock(item integer) RETURNS integer LANGUAGE sql STABLE AS $$ SELECT item * 2 $$;
CREATE FUNCTION a_in_stock(item integer) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT z_stock(item) > 0 $$;
CREATE FUNCTION b_calls_caller(item integer) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    RETURN a_in_stock(item);
END $$;
-- BEGIN ATOMIC bodies do record their dependencies.
CREATE FUNCTION y_atomic_base(n integer) RETURNS integer LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT n + 1; END;
CREATE FUNCTION c_atomic(n integer) RETURNS integer LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT y_atomic_base(n) * 3; END;
-- Functions used by a domain, a default, a CHECK, an index expression, a view and a trigger.
CREATE FUNCTION x_positive(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n > 0 $$;
CREATE DOMAIN a_quantity AS integer CHECK (x_positive(VALUE));
CREATE FUNCTION x_default_code() RETURNS text LANGUAGE sql AS $$ SELECT 'new' $$;
CREATE FUNCTION x_normalise(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE TABLE a_items (
    id integer PRIMARY KEY,
    code text DEFAULT x_default_code() CHECK (x_normalise(code) <> ''),
    quantity a_quantity,
    doubled integer GENERATED ALWAYS AS (c_atomic(id)) STORED
);
CREATE INDEX a_items_code ON a_items (x_normalise(code));
CREATE VIEW a_stocked AS SELECT id, a_in_stock(id) AS in_stock FROM a_items;
CREATE FUNCTION x_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.code := x_normalise(NEW.code);
    RETURN NEW;
END $$;
CREATE TRIGGER a_items_touch BEFORE INSERT ON a_items FOR EACH ROW EXECUTE FUNCTION x_touch();
