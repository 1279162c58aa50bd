-- Tablespaces of tables, indexes, key constraints' indexes and materialized views (@TABLESPACE@ is one the
-- test makes): moved with SET TABLESPACE, back to the database's default, and stated for new objects.
CREATE TABLE moved (id integer PRIMARY KEY, v text) TABLESPACE @TABLESPACE@;
CREATE INDEX moved_v ON moved (v) TABLESPACE @TABLESPACE@;
CREATE TABLE stays (id integer);
CREATE INDEX stays_id ON stays (id);
CREATE MATERIALIZED VIEW mv TABLESPACE @TABLESPACE@ AS SELECT id FROM moved;
CREATE TABLE fresh (id integer PRIMARY KEY USING INDEX TABLESPACE @TABLESPACE@, v text) TABLESPACE @TABLESPACE@;
CREATE INDEX fresh_v ON fresh (v) WITH (fillfactor = 70) TABLESPACE @TABLESPACE@ WHERE v <> '';
