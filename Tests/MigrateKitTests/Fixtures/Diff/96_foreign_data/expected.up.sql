DROP VIEW "public"."item_names";
DROP FOREIGN TABLE "public"."dropped_table";
DROP SERVER "old_server";
DROP FOREIGN TABLE "public"."remote_items";
CREATE SCHEMA "Files";
ALTER FOREIGN DATA WRAPPER "plain_wrapper" NO VALIDATOR;
ALTER FOREIGN DATA WRAPPER "plain_wrapper" OPTIONS (ADD "debug" 'false');
COMMENT ON FOREIGN DATA WRAPPER "plain_wrapper" IS 'for tests';
CREATE SERVER "files" TYPE 'csv' VERSION '1.0' FOREIGN DATA WRAPPER "plain_wrapper" OPTIONS ("root" '/srv');
COMMENT ON SERVER "files" IS 'local files';
ALTER SERVER "remote" OPTIONS (DROP "port", SET "host" 'db2.example.com');
CREATE FOREIGN TABLE "Files"."Listing" (
    "Path" text OPTIONS ("Key" 'it''s') COLLATE "pg_catalog"."C",
    "size" bigint
) SERVER "files";
COMMENT ON COLUMN "Files"."Listing"."Path" IS 'relative';
CREATE FOREIGN TABLE "public"."remote_items" (
    "id" integer NOT NULL,
    "name" text OPTIONS ("column_name" 'title'),
    "price" numeric DEFAULT 0,
    CONSTRAINT "remote_items_price_check" CHECK ((price >= (0)::numeric))
) SERVER "remote" OPTIONS ("schema_name" 'public', "table_name" 'items');
COMMENT ON FOREIGN TABLE "public"."remote_items" IS 'from the shop';
CREATE VIEW "public"."item_names" AS
 SELECT remote_items.name
   FROM public.remote_items;
