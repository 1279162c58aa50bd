SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.a_in_stock(item integer)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$ SELECT z_stock(item) > 0 $function$;
CREATE OR REPLACE FUNCTION public.b_calls_caller(item integer)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
BEGIN
    RETURN a_in_stock(item);
END $function$;
CREATE OR REPLACE FUNCTION public.x_default_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'new' $function$;
CREATE OR REPLACE FUNCTION public.x_normalise(t text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower(t) $function$;
CREATE OR REPLACE FUNCTION public.x_positive(n integer)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT n > 0 $function$;
CREATE DOMAIN "public"."a_quantity" AS integer CONSTRAINT "a_quantity_check" CHECK (public.x_positive(VALUE));
CREATE OR REPLACE FUNCTION public.x_touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.code := x_normalise(NEW.code);
    RETURN NEW;
END $function$;
CREATE OR REPLACE FUNCTION public.y_atomic_base(n integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
BEGIN ATOMIC
 SELECT (n + 1);
END;
CREATE OR REPLACE FUNCTION public.c_atomic(n integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
BEGIN ATOMIC
 SELECT (public.y_atomic_base(n) * 3);
END;
CREATE TABLE "public"."a_items" (
    "id" integer NOT NULL,
    "code" text DEFAULT public.x_default_code(),
    "quantity" public.a_quantity,
    "doubled" integer GENERATED ALWAYS AS (public.c_atomic(id)) STORED
);
ALTER TABLE "public"."a_items" ADD CONSTRAINT "a_items_code_check" CHECK ((public.x_normalise(code) <> ''::text));
ALTER TABLE "public"."a_items" ADD CONSTRAINT "a_items_pkey" PRIMARY KEY (id);
CREATE INDEX "a_items_code" ON "public"."a_items" USING btree (public.x_normalise(code));
CREATE VIEW "public"."a_stocked" AS
 SELECT a_items.id,
    public.a_in_stock(a_items.id) AS in_stock
   FROM public.a_items;
CREATE OR REPLACE FUNCTION public.z_stock(item integer)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$ SELECT item * 2 $function$;
CREATE TRIGGER a_items_touch BEFORE INSERT ON public.a_items FOR EACH ROW EXECUTE FUNCTION public.x_touch();
