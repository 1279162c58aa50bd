CREATE TABLE log (id serial PRIMARY KEY, msg text);
CREATE PROCEDURE write_log(m text) LANGUAGE sql AS $$ INSERT INTO log (msg) VALUES (upper(m)) $$;
CREATE PROCEDURE clear_log() LANGUAGE sql BEGIN ATOMIC DELETE FROM log; END;
COMMENT ON PROCEDURE clear_log() IS 'empties the log';
