CREATE FUNCTION next_code() RETURNS bigint LANGUAGE sql AS $$ SELECT 2::bigint $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := NEW.n + 2; RETURN NEW; END $$;
CREATE FUNCTION label(value integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'n' || value $$;
CREATE TABLE t (id int PRIMARY KEY, code integer DEFAULT next_code(), n int);
CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW labelled AS SELECT id, label(n) AS l FROM t;
