CREATE TABLE t (
    id int PRIMARY KEY,
    code text,
    label varchar(100),
    quantity bigint,
    flag text DEFAULT 'true',
    payload json
);
