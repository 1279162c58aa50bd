CREATE TABLE t (
    id int PRIMARY KEY,
    small smallint,
    title varchar(20) DEFAULT 'x',
    amount numeric(6,2),
    ratio real,
    note varchar(40)
);
CREATE TABLE r (id int PRIMARY KEY, t_id int REFERENCES t (id));
