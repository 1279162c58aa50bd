CREATE TABLE accounts (id int PRIMARY KEY, name text);
CREATE TABLE audit (id int, event text);
CREATE TABLE notes (id int, body text);
GRANT SELECT, INSERT ON accounts TO p15c_reader;
GRANT SELECT ON accounts TO PUBLIC;
GRANT SELECT ON audit TO p15c_auditor WITH GRANT OPTION;
GRANT ALL ON notes TO p15c_writer;
