CREATE TABLE t (
    id int PRIMARY KEY,
    code integer,
    label varchar(10),
    quantity integer,
    flag boolean DEFAULT true,
    payload jsonb
);
