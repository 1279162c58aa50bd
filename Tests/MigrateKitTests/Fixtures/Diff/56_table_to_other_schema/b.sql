CREATE SCHEMA archive;
CREATE TABLE archive.events (id int PRIMARY KEY, at timestamptz);
