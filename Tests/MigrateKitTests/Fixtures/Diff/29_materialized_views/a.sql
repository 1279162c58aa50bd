CREATE TABLE t (id int PRIMARY KEY, category text, amount numeric);
CREATE MATERIALIZED VIEW totals AS SELECT category, sum(amount) AS total FROM t GROUP BY category;
CREATE UNIQUE INDEX totals_category_idx ON totals (category);
CREATE MATERIALIZED VIEW gone AS SELECT 1 AS one;
