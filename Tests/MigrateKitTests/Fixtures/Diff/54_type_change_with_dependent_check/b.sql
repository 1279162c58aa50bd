CREATE TABLE t (id int PRIMARY KEY, amount integer CHECK (amount > 0), code varchar(20) UNIQUE);
CREATE INDEX t_amount_idx ON t (amount) WHERE amount <> 0;
