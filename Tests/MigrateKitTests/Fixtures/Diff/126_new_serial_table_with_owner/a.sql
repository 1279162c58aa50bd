CREATE TABLE kept (id int);
CREATE SEQUENCE loose;
