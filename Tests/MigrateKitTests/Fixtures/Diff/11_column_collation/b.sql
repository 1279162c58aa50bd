CREATE TABLE t (id int PRIMARY KEY, name text COLLATE "C", code text);
CREATE INDEX t_name_idx ON t (name);
