CREATE TYPE new_kind AS ENUM ('p', 'q', 'it''s');
CREATE TABLE t (id int PRIMARY KEY, k text, n new_kind DEFAULT 'it''s');
