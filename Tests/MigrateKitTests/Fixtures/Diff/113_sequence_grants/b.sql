CREATE SEQUENCE counter;
CREATE TABLE orders (id serial PRIMARY KEY, note text);
GRANT SELECT, UPDATE ON SEQUENCE counter TO p15c_writer;
GRANT USAGE ON SEQUENCE orders_id_seq TO p15c_writer, p15c_reader;
GRANT SELECT ON SEQUENCE counter TO PUBLIC;
