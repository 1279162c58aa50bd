DROP INDEX "public"."reshaped_k";
ALTER TABLE "public"."a_full" REPLICA IDENTITY DEFAULT;
ALTER TABLE "public"."a_nothing" REPLICA IDENTITY FULL;
CREATE TABLE "public"."fresh" (
    "id" integer NOT NULL,
    "k" text NOT NULL
);
CREATE TABLE "public"."fresh_full" (
    "id" integer
);
ALTER TABLE "public"."fresh_full" REPLICA IDENTITY FULL;
CREATE TABLE "public"."fresh_nothing" (
    "id" integer
);
ALTER TABLE "public"."fresh_nothing" REPLICA IDENTITY NOTHING;
ALTER TABLE "public"."by_key" REPLICA IDENTITY USING INDEX "by_key_code";
ALTER TABLE "public"."by_index" REPLICA IDENTITY USING INDEX "by_index_id";
CREATE UNIQUE INDEX "fresh_k" ON "public"."fresh" USING btree (k);
ALTER TABLE "public"."fresh" REPLICA IDENTITY USING INDEX "fresh_k";
CREATE UNIQUE INDEX "reshaped_k" ON "public"."reshaped" USING btree (k, id);
ALTER TABLE "public"."reshaped" REPLICA IDENTITY USING INDEX "reshaped_k";
