CREATE EXTENSION citext;
CREATE TABLE t (id int PRIMARY KEY, attrs jsonb, email citext UNIQUE);
