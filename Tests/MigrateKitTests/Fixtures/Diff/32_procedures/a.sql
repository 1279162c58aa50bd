CREATE TABLE log (id serial PRIMARY KEY, msg text);
CREATE PROCEDURE write_log(m text) LANGUAGE sql AS $$ INSERT INTO log (msg) VALUES (m) $$;
