CREATE TABLE t (id int PRIMARY KEY) WITH (fillfactor = 80);
CREATE TABLE cache (k text PRIMARY KEY, v text);
CREATE UNLOGGED TABLE made_unlogged (id int);
