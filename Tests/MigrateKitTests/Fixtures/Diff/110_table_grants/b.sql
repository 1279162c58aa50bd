CREATE TABLE accounts (id int PRIMARY KEY, name text);
CREATE TABLE audit (id int, event text);
CREATE TABLE notes (id int, body text);
GRANT SELECT ON accounts TO p15c_reader WITH GRANT OPTION;
GRANT UPDATE, DELETE ON accounts TO p15c_writer;
GRANT SELECT ON audit TO p15c_auditor;
GRANT TRUNCATE ON audit TO PUBLIC;
GRANT SELECT, INSERT ON notes TO p15c_writer;
REVOKE TRUNCATE ON notes FROM CURRENT_USER;
