CREATE TABLE customers (id int PRIMARY KEY, name text);
GRANT SELECT ON customers TO p15c_reader;
GRANT UPDATE (name) ON customers TO p15c_writer;
