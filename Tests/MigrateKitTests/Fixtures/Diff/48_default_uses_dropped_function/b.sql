CREATE FUNCTION new_default() RETURNS text LANGUAGE sql AS $$ SELECT 'new' $$;
CREATE TABLE t (id int PRIMARY KEY, v text DEFAULT new_default());
