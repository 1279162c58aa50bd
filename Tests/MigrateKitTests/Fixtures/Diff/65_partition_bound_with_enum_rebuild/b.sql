-- An enum value removed (the type rebuilt, the column moved through text with its default reset) while a
-- partition's bound changes (detached and attached again around it); the parent's index and UNIQUE go first.
CREATE TYPE kind AS ENUM ('checkup', 'urgent');
CREATE TABLE visit (site integer NOT NULL, kind kind NOT NULL DEFAULT 'checkup', note text) PARTITION BY LIST (site);
CREATE TABLE visit_1 PARTITION OF visit FOR VALUES IN (1);
CREATE TABLE visit_2 PARTITION OF visit FOR VALUES IN (2, 3);
CREATE INDEX visit_note ON visit (note);
