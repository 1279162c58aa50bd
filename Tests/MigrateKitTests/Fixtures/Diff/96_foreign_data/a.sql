CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER plain_wrapper VALIDATOR postgresql_fdw_validator;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example.com', dbname 'shop', port '5432');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password 'secret');
CREATE SERVER old_server FOREIGN DATA WRAPPER plain_wrapper OPTIONS (host 'old.example.com');
CREATE FOREIGN TABLE remote_items (id integer NOT NULL, name text OPTIONS (column_name 'title'))
    SERVER remote OPTIONS (schema_name 'public', table_name 'items');
CREATE VIEW item_names AS SELECT name FROM remote_items;
CREATE FOREIGN TABLE dropped_table (x integer) SERVER old_server;
