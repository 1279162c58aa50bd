CREATE TABLE t (id int PRIMARY KEY, name text, code text COLLATE "C");
CREATE INDEX t_name_idx ON t (name);
