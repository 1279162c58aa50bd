CREATE TABLE t (id int PRIMARY KEY, legacy text, also_gone int DEFAULT 3 CHECK (also_gone > 0), kept text);
CREATE INDEX t_legacy_idx ON t (legacy, kept);
