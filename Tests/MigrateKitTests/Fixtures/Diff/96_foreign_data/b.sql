-- Foreign-data wrappers (validator and options changed in place), servers (options set, added and dropped;
-- one new with a type and version, one dropped with its foreign table), foreign tables (re-created when
-- they change, with the view over them; new ones with column options, collations, defaults and CHECKs).
-- The user mapping is the same on both sides: user mappings are not compared (they hold passwords).
CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER plain_wrapper OPTIONS (debug 'false');
COMMENT ON FOREIGN DATA WRAPPER plain_wrapper IS 'for tests';
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db2.example.com', dbname 'shop');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password 'secret');
CREATE SERVER files TYPE 'csv' VERSION '1.0' FOREIGN DATA WRAPPER plain_wrapper OPTIONS (root '/srv');
COMMENT ON SERVER files IS 'local files';
CREATE FOREIGN TABLE remote_items (
    id integer NOT NULL,
    name text OPTIONS (column_name 'title'),
    price numeric DEFAULT 0 CHECK (price >= 0)
) SERVER remote OPTIONS (schema_name 'public', table_name 'items');
COMMENT ON FOREIGN TABLE remote_items IS 'from the shop';
CREATE VIEW item_names AS SELECT name FROM remote_items;
CREATE SCHEMA "Files";
CREATE FOREIGN TABLE "Files"."Listing" ("Path" text OPTIONS ("Key" 'it''s') COLLATE "C", size bigint)
    SERVER files;
COMMENT ON COLUMN "Files"."Listing"."Path" IS 'relative';
