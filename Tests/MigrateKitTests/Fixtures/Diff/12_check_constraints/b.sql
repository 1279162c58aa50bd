CREATE TABLE t (
    id int PRIMARY KEY,
    status text CHECK (status IN ('a', 'b', 'c')),
    qty int CONSTRAINT qty_positive CHECK (qty > 0),
    lo int,
    hi int CHECK (hi < 1000),
    CONSTRAINT named_later CHECK (id > 0)
);
