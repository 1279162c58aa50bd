CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int);
CREATE INDEX t_ab_idx ON t (a, b);
CREATE INDEX t_c_idx ON t (c);
CREATE VIEW v AS SELECT id, b FROM t;
ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b > a);
