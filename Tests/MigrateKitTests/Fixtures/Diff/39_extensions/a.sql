CREATE EXTENSION hstore;
CREATE TABLE t (id int PRIMARY KEY, attrs hstore, email text);
