CREATE TABLE keep (id int PRIMARY KEY);
CREATE TABLE gone (id int PRIMARY KEY, keep_id int REFERENCES keep (id), note text);
CREATE INDEX gone_note_idx ON gone (note);
CREATE TABLE child_of_gone (id int PRIMARY KEY, gone_id int REFERENCES gone (id));
