CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    a_id int NOT NULL REFERENCES a (id) ON DELETE CASCADE,
    name text NOT NULL DEFAULT 'x' CHECK (name <> ''),
    created_at timestamptz DEFAULT now()
);
CREATE INDEX b_a_id_idx ON b (a_id);
COMMENT ON TABLE b IS 'the b table';
