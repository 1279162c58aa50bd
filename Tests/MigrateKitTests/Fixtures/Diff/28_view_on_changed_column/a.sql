CREATE TABLE t (id int PRIMARY KEY, amount integer, label varchar(20));
CREATE VIEW v AS SELECT id, amount, label FROM t;
CREATE VIEW vv AS SELECT id, amount * 2 AS double_amount FROM v;
CREATE TABLE other (id int PRIMARY KEY);
CREATE VIEW unrelated AS SELECT id FROM other;
