CREATE TABLE t (id int, a int, b int);
ALTER TABLE t ADD CONSTRAINT old_pk PRIMARY KEY (id);
ALTER TABLE t ADD CONSTRAINT old_check CHECK (a > b);
CREATE INDEX old_index_name ON t (a, b);
