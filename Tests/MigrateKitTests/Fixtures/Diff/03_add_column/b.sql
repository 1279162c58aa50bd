CREATE TABLE t (
    id int PRIMARY KEY,
    name text NOT NULL DEFAULT 'unnamed',
    score numeric(6,2),
    tags text[] DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
