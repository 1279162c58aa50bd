CREATE TABLE items (id int, name text, price numeric);
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM items;
GRANT SELECT (name) ON cheap TO p15c_writer;
GRANT SELECT ON counts TO p15c_reader, PUBLIC;
