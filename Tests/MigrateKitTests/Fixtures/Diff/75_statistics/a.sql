CREATE TABLE orders (id integer PRIMARY KEY, city text, zip text, amount numeric, placed date);
CREATE STATISTICS orders_place (dependencies) ON city, zip FROM orders;
CREATE STATISTICS orders_old (ndistinct) ON city, placed FROM orders;
CREATE STATISTICS orders_amounts ON amount, placed FROM orders;
ALTER STATISTICS orders_amounts SET STATISTICS 200;
