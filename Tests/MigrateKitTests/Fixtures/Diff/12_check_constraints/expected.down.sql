ALTER TABLE "public"."t" DROP CONSTRAINT "named_later";
ALTER TABLE "public"."t" DROP CONSTRAINT "t_hi_check";
ALTER TABLE "public"."t" DROP CONSTRAINT "t_status_check";
ALTER TABLE "public"."t" ADD CONSTRAINT "range_ok" CHECK ((lo <= hi));
ALTER TABLE "public"."t" ADD CONSTRAINT "t_status_check" CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])));
