CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 2, b text DEFAULT 'hello', c timestamptz, d int DEFAULT 5);
