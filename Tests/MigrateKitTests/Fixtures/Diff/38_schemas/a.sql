CREATE SCHEMA old_area;
CREATE TABLE old_area.thing (id int PRIMARY KEY);
CREATE TYPE old_area.k AS ENUM ('a');
CREATE SCHEMA kept;
