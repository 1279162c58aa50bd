CREATE TABLE t (id int PRIMARY KEY, name text, price numeric, active boolean);
CREATE VIEW appended AS SELECT id, name FROM t;
CREATE VIEW changed AS SELECT id, name, price FROM t;
CREATE VIEW on_changed AS SELECT id, price FROM changed WHERE price > 10;
CREATE VIEW gone AS SELECT 1 AS one;
CREATE VIEW barrier WITH (security_barrier = true) AS SELECT id FROM t WHERE active;
