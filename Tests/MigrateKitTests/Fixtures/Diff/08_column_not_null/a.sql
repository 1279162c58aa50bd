CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int);
