CREATE TYPE kind AS ENUM ('checkup', 'urgent', 'home_visit');
CREATE TABLE visit (site integer NOT NULL, kind kind NOT NULL DEFAULT 'checkup', note text) PARTITION BY LIST (site);
CREATE TABLE visit_1 PARTITION OF visit FOR VALUES IN (1);
CREATE TABLE visit_2 PARTITION OF visit FOR VALUES IN (2);
CREATE INDEX visit_site ON visit (site);
ALTER TABLE visit ADD CONSTRAINT visit_unique UNIQUE (site, note);
