CREATE TABLE clients (id int PRIMARY KEY, full_name text);
GRANT SELECT ON clients TO p15c_reader;
GRANT UPDATE (full_name) ON clients TO p15c_writer;
GRANT INSERT ON clients TO p15c_writer;
