CREATE FUNCTION valid_code(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(c) = 3 $$;
CREATE TABLE t (id int PRIMARY KEY, code text CHECK (valid_code(code)));
CREATE INDEX t_valid_idx ON t (id) WHERE valid_code(code);
