-- Extended statistics: one gains kinds (re-created), one dropped, one whose target changes back to the
-- default (ALTER STATISTICS ... SET STATISTICS), new ones on expressions and with every kind, with a
-- comment and a target; a column the statistics use changes type (PostgreSQL rebuilds them itself).
CREATE TABLE orders (id integer PRIMARY KEY, city text, zip varchar(10), amount numeric, placed date);
CREATE STATISTICS orders_place (dependencies, ndistinct, mcv) ON city, zip FROM orders;
CREATE STATISTICS orders_amounts ON amount, placed FROM orders;
CREATE STATISTICS orders_month ON (date_trunc('month', placed::timestamp)), (lower(city)) FROM orders;
CREATE STATISTICS "Orders Mixed" (mcv) ON city, (amount > 100) FROM orders;
ALTER STATISTICS "Orders Mixed" SET STATISTICS 500;
COMMENT ON STATISTICS "Orders Mixed" IS 'big orders by city';
