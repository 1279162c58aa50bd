CREATE FUNCTION a_price(item integer) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT item * 1.5 $$;
CREATE TABLE items (id integer PRIMARY KEY, price numeric);
