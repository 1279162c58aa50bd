CREATE TABLE t (id int PRIMARY KEY, category text, amount numeric);
CREATE MATERIALIZED VIEW totals AS SELECT category, sum(amount) AS total, count(*) AS n FROM t GROUP BY category;
CREATE UNIQUE INDEX totals_category_idx ON totals (category);
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM t;
