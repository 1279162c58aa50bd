CREATE TYPE status AS ENUM ('new', 'active', 'legacy', 'closed');
CREATE TABLE t (
    id int PRIMARY KEY,
    s status NOT NULL DEFAULT 'new',
    history status[] DEFAULT '{}',
    CONSTRAINT t_not_legacy CHECK (s <> 'legacy')
);
CREATE INDEX t_active_idx ON t (id) WHERE s = 'active';
CREATE INDEX t_s_idx ON t (s);
CREATE VIEW active_t AS SELECT id, s FROM t WHERE s = 'active';
CREATE FUNCTION is_open(value status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT value <> 'closed' $$;
