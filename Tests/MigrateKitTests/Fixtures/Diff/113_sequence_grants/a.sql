CREATE SEQUENCE counter;
CREATE TABLE orders (id serial PRIMARY KEY, note text);
GRANT USAGE ON SEQUENCE counter TO p15c_writer;
GRANT SELECT ON SEQUENCE orders_id_seq TO p15c_reader;
