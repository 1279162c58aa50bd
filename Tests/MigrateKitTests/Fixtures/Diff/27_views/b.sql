CREATE TABLE t (id int PRIMARY KEY, name text, price numeric, active boolean);
CREATE VIEW appended AS SELECT id, name, price FROM t;
CREATE VIEW changed AS SELECT id, price, name FROM t WHERE active;
CREATE VIEW on_changed AS SELECT id, price FROM changed WHERE price > 10;
CREATE VIEW fresh AS SELECT count(*) AS n FROM t;
CREATE VIEW barrier WITH (check_option = local) AS SELECT id, active FROM t WHERE active;
