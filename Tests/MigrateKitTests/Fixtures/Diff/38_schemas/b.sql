CREATE SCHEMA kept;
CREATE SCHEMA "New Area";
CREATE TABLE "New Area"."Thing" (id int PRIMARY KEY, "Label" text);
CREATE TABLE kept.t (id int PRIMARY KEY, thing_id int REFERENCES "New Area"."Thing" (id));
