CREATE TABLE t (id int PRIMARY KEY, display_name text NOT NULL CHECK (display_name <> ''), age int);
CREATE INDEX t_fullname_idx ON t (lower(display_name));
CREATE TABLE r (id int PRIMARY KEY, t_id int REFERENCES t (id));
