CREATE TABLE t (
    id int PRIMARY KEY,
    price numeric NOT NULL,
    qty int NOT NULL,
    total numeric GENERATED ALWAYS AS (price * qty * 1.2) STORED,
    plain_then_generated text GENERATED ALWAYS AS ('q' || qty::text) STORED
);
CREATE INDEX t_total_idx ON t (total);
