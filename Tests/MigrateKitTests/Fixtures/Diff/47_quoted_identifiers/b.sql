CREATE TABLE "Mixed Case" ("Id" int PRIMARY KEY, "select" varchar(10), "New Col" text DEFAULT 'it''s', "back\slash" text DEFAULT E'a\\b');
CREATE INDEX "Mixed Case Index" ON "Mixed Case" ("select", "New Col");
CREATE TYPE "Odd Enum" AS ENUM ('x y', 'it''s');
CREATE VIEW "View ""Q""" AS SELECT "Id" FROM "Mixed Case";
COMMENT ON TABLE "Mixed Case" IS E'line1\nline2 \\ back';
