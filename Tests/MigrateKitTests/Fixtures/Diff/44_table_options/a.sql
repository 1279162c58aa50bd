CREATE TABLE t (id int PRIMARY KEY) WITH (fillfactor = 70, autovacuum_enabled = false);
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);
CREATE TABLE made_unlogged (id int);
