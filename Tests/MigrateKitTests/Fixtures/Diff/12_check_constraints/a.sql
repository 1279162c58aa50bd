CREATE TABLE t (
    id int PRIMARY KEY,
    status text CHECK (status IN ('a', 'b')),
    qty int CONSTRAINT qty_positive CHECK (qty > 0),
    lo int,
    hi int,
    CONSTRAINT range_ok CHECK (lo <= hi)
);
