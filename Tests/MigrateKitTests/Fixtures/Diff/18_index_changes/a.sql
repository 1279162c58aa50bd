CREATE EXTENSION pg_trgm;
CREATE TABLE t (id int PRIMARY KEY, name text, email text, data jsonb, created_at timestamptz, deleted boolean);
CREATE INDEX t_name_idx ON t (name);
CREATE INDEX t_email_idx ON t (lower(email));
CREATE INDEX t_created_idx ON t (created_at) WHERE NOT deleted;
CREATE INDEX t_data_idx ON t USING gin (data);
CREATE INDEX t_gone_idx ON t (id, name);
