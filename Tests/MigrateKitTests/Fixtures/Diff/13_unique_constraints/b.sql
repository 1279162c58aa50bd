CREATE TABLE t (
    id int PRIMARY KEY,
    email text,
    a int,
    b int,
    c int,
    UNIQUE (a, b),
    CONSTRAINT t_c_key UNIQUE NULLS NOT DISTINCT (c)
);
