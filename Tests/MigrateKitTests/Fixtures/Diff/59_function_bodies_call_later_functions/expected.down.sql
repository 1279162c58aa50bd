DROP VIEW "public"."a_stocked";
-- DESTRUCTIVE: drops table public.a_items
DROP TABLE "public"."a_items";
DROP DOMAIN "public"."a_quantity";
DROP FUNCTION "public"."a_in_stock"(integer);
DROP FUNCTION "public"."b_calls_caller"(integer);
DROP FUNCTION "public"."c_atomic"(integer);
DROP FUNCTION "public"."x_default_code"();
DROP FUNCTION "public"."x_normalise"(text);
DROP FUNCTION "public"."x_positive"(integer);
DROP FUNCTION "public"."x_touch"();
DROP FUNCTION "public"."y_atomic_base"(integer);
DROP FUNCTION "public"."z_stock"(integer);
