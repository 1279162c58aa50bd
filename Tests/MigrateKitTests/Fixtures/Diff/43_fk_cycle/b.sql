CREATE TABLE x (id int PRIMARY KEY, y_id int);
CREATE TABLE y (id int PRIMARY KEY, x_id int REFERENCES x (id));
ALTER TABLE x ADD CONSTRAINT x_y_fkey FOREIGN KEY (y_id) REFERENCES y (id);
CREATE TABLE self_ref (id int PRIMARY KEY, parent_id int REFERENCES self_ref (id));
