DROP VIEW "public"."item_names";
DROP FOREIGN TABLE "Files"."Listing";
DROP SCHEMA "Files";
DROP SERVER "files";
DROP FOREIGN TABLE "public"."remote_items";
ALTER FOREIGN DATA WRAPPER "plain_wrapper" VALIDATOR postgresql_fdw_validator;
ALTER FOREIGN DATA WRAPPER "plain_wrapper" OPTIONS (DROP "debug");
COMMENT ON FOREIGN DATA WRAPPER "plain_wrapper" IS NULL;
CREATE SERVER "old_server" FOREIGN DATA WRAPPER "plain_wrapper" OPTIONS ("host" 'old.example.com');
ALTER SERVER "remote" OPTIONS (SET "host" 'db.example.com', ADD "port" '5432');
CREATE FOREIGN TABLE "public"."dropped_table" (
    "x" integer
) SERVER "old_server";
CREATE FOREIGN TABLE "public"."remote_items" (
    "id" integer NOT NULL,
    "name" text OPTIONS ("column_name" 'title')
) SERVER "remote" OPTIONS ("schema_name" 'public', "table_name" 'items');
CREATE VIEW "public"."item_names" AS
 SELECT remote_items.name
   FROM public.remote_items;
