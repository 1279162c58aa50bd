CREATE FUNCTION valid_code(c text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length(c) $$;
CREATE TABLE t (id int PRIMARY KEY, code text CHECK (valid_code(code) = 3));
CREATE INDEX t_valid_idx ON t (id) WHERE valid_code(code) = 3;
