CREATE TABLE parent (id int PRIMARY KEY, code text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
