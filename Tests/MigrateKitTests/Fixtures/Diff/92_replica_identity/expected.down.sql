-- DESTRUCTIVE: drops table public.fresh
DROP TABLE "public"."fresh";
-- DESTRUCTIVE: drops table public.fresh_full
DROP TABLE "public"."fresh_full";
-- DESTRUCTIVE: drops table public.fresh_nothing
DROP TABLE "public"."fresh_nothing";
DROP INDEX "public"."reshaped_k";
ALTER TABLE "public"."a_full" REPLICA IDENTITY FULL;
ALTER TABLE "public"."a_nothing" REPLICA IDENTITY NOTHING;
ALTER TABLE "public"."by_key" REPLICA IDENTITY DEFAULT;
ALTER TABLE "public"."by_index" REPLICA IDENTITY USING INDEX "by_index_code";
CREATE UNIQUE INDEX "reshaped_k" ON "public"."reshaped" USING btree (k);
ALTER TABLE "public"."reshaped" REPLICA IDENTITY USING INDEX "reshaped_k";
