-- "a_price" is changed in place to call "z_discount", which is new and sorts after it.
CREATE FUNCTION z_discount(item integer) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT item * 0.1 $$;
CREATE FUNCTION a_price(item integer) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT item * 1.5 - z_discount(item) $$;
CREATE TABLE items (id integer PRIMARY KEY, price numeric);
