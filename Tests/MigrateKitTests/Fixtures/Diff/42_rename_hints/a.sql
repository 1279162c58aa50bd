CREATE TABLE people (id int PRIMARY KEY, surname text);
