-- Two tables referencing each other go away with their schema: one foreign key is dropped first.
CREATE TABLE kept (id integer PRIMARY KEY);
