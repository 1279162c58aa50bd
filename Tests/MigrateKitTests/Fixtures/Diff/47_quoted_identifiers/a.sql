CREATE TABLE "Mixed Case" ("Id" int PRIMARY KEY, "select" text, "quote""d" int);
