CREATE FUNCTION old_default() RETURNS text LANGUAGE sql AS $$ SELECT 'old' $$;
CREATE TABLE t (id int PRIMARY KEY, v text DEFAULT old_default());
