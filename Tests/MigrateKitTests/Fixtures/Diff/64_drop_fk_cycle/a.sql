CREATE SCHEMA shop;
CREATE TABLE shop.staff (id integer PRIMARY KEY, store_id integer NOT NULL);
CREATE TABLE shop.store (id integer PRIMARY KEY, manager_id integer NOT NULL REFERENCES shop.staff);
ALTER TABLE shop.staff ADD CONSTRAINT staff_store_fk FOREIGN KEY (store_id) REFERENCES shop.store;
CREATE TABLE shop.address (id integer PRIMARY KEY);
ALTER TABLE shop.store ADD COLUMN address_id integer REFERENCES shop.address;
CREATE TABLE kept (id integer PRIMARY KEY);
