CREATE TABLE t (id int PRIMARY KEY, a int, b int, CHECK (a > b));
CREATE INDEX t_a_b_idx ON t (a, b);
