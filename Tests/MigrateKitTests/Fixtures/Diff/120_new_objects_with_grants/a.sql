CREATE TABLE kept (id int);
CREATE TABLE dropped (id int, secret text);
GRANT SELECT ON dropped TO p15c_reader;
GRANT UPDATE (secret) ON dropped TO p15c_writer;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO p15c_auditor;
