CREATE TABLE persons (id int PRIMARY KEY, last_name text);
COMMENT ON TABLE persons IS 'migrate:renamed-from people';
COMMENT ON COLUMN persons.last_name IS E'migrate:renamed-from surname\nthe family name';
