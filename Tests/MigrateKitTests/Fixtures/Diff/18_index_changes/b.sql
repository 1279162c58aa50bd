CREATE EXTENSION pg_trgm;
CREATE TABLE t (id int PRIMARY KEY, name text, email text, data jsonb, created_at timestamptz, deleted boolean);
CREATE INDEX t_name_idx ON t USING gin (name gin_trgm_ops);
CREATE UNIQUE INDEX t_email_idx ON t (lower(email));
CREATE INDEX t_created_idx ON t (created_at DESC NULLS LAST) INCLUDE (name) WHERE NOT deleted AND id > 0;
CREATE INDEX t_data_idx ON t USING gin (data jsonb_path_ops);
CREATE INDEX t_new_idx ON t USING hash (email);
