CREATE TABLE t (id int PRIMARY KEY, email text UNIQUE, a int, b int, c int);
