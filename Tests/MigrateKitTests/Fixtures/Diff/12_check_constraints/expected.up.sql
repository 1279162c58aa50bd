ALTER TABLE "public"."t" DROP CONSTRAINT "range_ok";
ALTER TABLE "public"."t" DROP CONSTRAINT "t_status_check";
ALTER TABLE "public"."t" ADD CONSTRAINT "named_later" CHECK ((id > 0));
ALTER TABLE "public"."t" ADD CONSTRAINT "t_hi_check" CHECK ((hi < 1000));
ALTER TABLE "public"."t" ADD CONSTRAINT "t_status_check" CHECK ((status = ANY (ARRAY['a'::text, 'b'::text, 'c'::text])));
