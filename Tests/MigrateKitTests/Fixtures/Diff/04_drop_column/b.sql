CREATE TABLE t (id int PRIMARY KEY, kept text);
