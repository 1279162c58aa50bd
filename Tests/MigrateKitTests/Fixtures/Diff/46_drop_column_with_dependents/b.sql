CREATE TABLE t (id int PRIMARY KEY, a int, c int);
CREATE INDEX t_ab_idx ON t (a);
CREATE INDEX t_c_idx ON t (c);
CREATE VIEW v AS SELECT id, a FROM t;
