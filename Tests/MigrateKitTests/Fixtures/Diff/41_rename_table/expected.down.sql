ALTER SEQUENCE "public"."clients_id_seq" RENAME TO "customers_id_seq";
ALTER TABLE "public"."clients" RENAME TO "customers";
ALTER TABLE "public"."orders" RENAME COLUMN "client_id" TO "customer_id";
ALTER TABLE "public"."customers" RENAME CONSTRAINT "clients_email_key" TO "customers_email_key";
ALTER TABLE "public"."customers" RENAME CONSTRAINT "clients_pkey" TO "customers_pkey";
ALTER TABLE "public"."orders" RENAME CONSTRAINT "orders_client_id_fkey" TO "orders_customer_id_fkey";
ALTER INDEX "public"."clients_email_lower_idx" RENAME TO "customers_email_lower_idx";
