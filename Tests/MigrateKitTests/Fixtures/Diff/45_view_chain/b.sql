CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE VIEW base AS SELECT a AS id, id AS a FROM t;
CREATE VIEW middle AS SELECT id, a FROM base WHERE a > 0;
CREATE VIEW top AS SELECT count(*) AS n FROM middle;
CREATE MATERIALIZED VIEW snap AS SELECT id FROM middle;
