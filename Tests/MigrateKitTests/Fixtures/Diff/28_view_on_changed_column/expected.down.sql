DROP VIEW "public"."vv";
DROP VIEW "public"."v";
-- DESTRUCTIVE: changes the type of column public.t.amount from bigint to integer
ALTER TABLE "public"."t" ALTER COLUMN "amount" TYPE integer;
-- DESTRUCTIVE: changes the type of column public.t.label from text to character varying(20)
ALTER TABLE "public"."t" ALTER COLUMN "label" TYPE character varying(20);
CREATE VIEW "public"."v" AS
 SELECT t.id,
    t.amount,
    t.label
   FROM public.t;
CREATE VIEW "public"."vv" AS
 SELECT v.id,
    (v.amount * 2) AS double_amount
   FROM public.v;
