CREATE TYPE old_kind AS ENUM ('x', 'y');
CREATE TABLE t (id int PRIMARY KEY, k old_kind);
