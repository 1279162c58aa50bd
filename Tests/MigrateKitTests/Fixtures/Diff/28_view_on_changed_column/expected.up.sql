DROP VIEW "public"."vv";
DROP VIEW "public"."v";
ALTER TABLE "public"."t" ALTER COLUMN "amount" TYPE bigint;
ALTER TABLE "public"."t" ALTER COLUMN "label" TYPE text;
CREATE VIEW "public"."v" AS
 SELECT t.id,
    t.amount,
    t.label
   FROM public.t;
CREATE VIEW "public"."vv" AS
 SELECT v.id,
    (v.amount * 2) AS double_amount
   FROM public.v;
