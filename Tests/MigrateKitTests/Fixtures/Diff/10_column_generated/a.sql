CREATE TABLE t (
    id int PRIMARY KEY,
    price numeric NOT NULL,
    qty int NOT NULL,
    total numeric GENERATED ALWAYS AS (price * qty) STORED,
    plain_then_generated text
);
CREATE INDEX t_total_idx ON t (total);
