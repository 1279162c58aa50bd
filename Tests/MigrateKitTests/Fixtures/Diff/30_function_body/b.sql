CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT x + 1 $$;
CREATE FUNCTION greet(name text, greeting text DEFAULT 'hello') RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN greeting || ', ' || name || '!';
END
$$;
CREATE FUNCTION added(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a * b $$;
CREATE FUNCTION overloaded(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;
CREATE FUNCTION overloaded(a text) RETURNS text LANGUAGE sql AS $$ SELECT a $$;
CREATE TABLE t (id int PRIMARY KEY, n int CHECK (add_one(n) > 0));
