ALTER TABLE "public"."events" DETACH PARTITION "public"."events_2025";
-- DESTRUCTIVE: drops partition public.events_2025
DROP TABLE "public"."events_2025";
ALTER TABLE "public"."events" DETACH PARTITION "public"."events_default";
-- DESTRUCTIVE: drops partition public.events_default
DROP TABLE "public"."events_default";
-- DESTRUCTIVE: drops table public.regions with its partitions public.regions_eu
DROP TABLE "public"."regions";
-- DESTRUCTIVE: drops column public.events.payload
ALTER TABLE "public"."events" DROP COLUMN "payload";
DROP INDEX "public"."events_kind_idx";
CREATE TABLE "public"."events_old" PARTITION OF "public"."events" FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
CREATE INDEX "events_kind_idx" ON "public"."events" USING btree (kind);
