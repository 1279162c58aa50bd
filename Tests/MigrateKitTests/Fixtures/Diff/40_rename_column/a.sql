CREATE TABLE t (id int PRIMARY KEY, fullname text NOT NULL CHECK (fullname <> ''), age int);
CREATE INDEX t_fullname_idx ON t (lower(fullname));
CREATE TABLE r (id int PRIMARY KEY, t_id int REFERENCES t (id));
