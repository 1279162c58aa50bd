CREATE TABLE t (
    id bigint PRIMARY KEY,
    small integer,
    title varchar(50) DEFAULT 'x',
    amount numeric(10,2),
    ratio double precision,
    note text
);
CREATE TABLE r (id int PRIMARY KEY, t_id bigint REFERENCES t (id));
