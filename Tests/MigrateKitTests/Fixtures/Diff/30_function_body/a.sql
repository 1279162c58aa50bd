CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
CREATE FUNCTION greet(name text, greeting text DEFAULT 'hello') RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN greeting || ', ' || name;
END
$$;
CREATE FUNCTION gone() RETURNS void LANGUAGE sql AS $$ SELECT $$;
CREATE TABLE t (id int PRIMARY KEY, n int CHECK (add_one(n) > 0));
