CREATE TABLE parent (id int NOT NULL, code text PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int, parent_code text REFERENCES parent (code));
