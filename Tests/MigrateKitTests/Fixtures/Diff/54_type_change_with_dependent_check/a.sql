CREATE TABLE t (id int PRIMARY KEY, amount text CHECK (amount <> ''), code varchar(10) UNIQUE);
CREATE INDEX t_amount_idx ON t (amount) WHERE amount <> 'x';
