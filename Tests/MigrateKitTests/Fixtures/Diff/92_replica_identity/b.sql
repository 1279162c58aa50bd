-- REPLICA IDENTITY DEFAULT, FULL, NOTHING and USING INDEX (a plain unique index or a key constraint's),
-- set when the index is created or re-created, or changed while it stays.
CREATE TABLE a_full (id integer PRIMARY KEY, v text);
CREATE TABLE a_nothing (id integer PRIMARY KEY);
ALTER TABLE a_nothing REPLICA IDENTITY FULL;
CREATE TABLE by_index (id integer NOT NULL, code text NOT NULL);
CREATE UNIQUE INDEX by_index_code ON by_index (code);
CREATE UNIQUE INDEX by_index_id ON by_index (id);
ALTER TABLE by_index REPLICA IDENTITY USING INDEX by_index_id;
CREATE TABLE by_key (id integer, code text NOT NULL, CONSTRAINT by_key_code UNIQUE (code));
ALTER TABLE by_key REPLICA IDENTITY USING INDEX by_key_code;
CREATE TABLE reshaped (id integer NOT NULL, k text NOT NULL);
CREATE UNIQUE INDEX reshaped_k ON reshaped (k, id);
ALTER TABLE reshaped REPLICA IDENTITY USING INDEX reshaped_k;
CREATE TABLE fresh (id integer NOT NULL, k text NOT NULL);
CREATE UNIQUE INDEX fresh_k ON fresh (k);
ALTER TABLE fresh REPLICA IDENTITY USING INDEX fresh_k;
CREATE TABLE fresh_full (id integer);
ALTER TABLE fresh_full REPLICA IDENTITY FULL;
CREATE TABLE fresh_nothing (id integer);
ALTER TABLE fresh_nothing REPLICA IDENTITY NOTHING;
