CREATE TABLE people (id int PRIMARY KEY, name text, email text, salary numeric);
GRANT SELECT (id, name) ON people TO p15c_reader;
GRANT UPDATE (email) ON people TO p15c_writer;
GRANT SELECT (salary) ON people TO p15c_auditor WITH GRANT OPTION;
