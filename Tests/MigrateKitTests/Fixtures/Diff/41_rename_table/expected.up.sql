ALTER SEQUENCE "public"."customers_id_seq" RENAME TO "clients_id_seq";
ALTER TABLE "public"."customers" RENAME TO "clients";
ALTER TABLE "public"."orders" RENAME COLUMN "customer_id" TO "client_id";
ALTER TABLE "public"."clients" RENAME CONSTRAINT "customers_email_key" TO "clients_email_key";
ALTER TABLE "public"."clients" RENAME CONSTRAINT "customers_pkey" TO "clients_pkey";
ALTER TABLE "public"."orders" RENAME CONSTRAINT "orders_customer_id_fkey" TO "orders_client_id_fkey";
ALTER INDEX "public"."customers_email_lower_idx" RENAME TO "clients_email_lower_idx";
