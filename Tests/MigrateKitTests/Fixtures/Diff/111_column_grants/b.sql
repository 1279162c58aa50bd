CREATE TABLE people (id int PRIMARY KEY, name text, email text, salary numeric, phone text);
GRANT SELECT (id, name, email) ON people TO p15c_reader;
GRANT SELECT (id), INSERT (name, phone) ON people TO PUBLIC;
GRANT SELECT (salary) ON people TO p15c_auditor;
GRANT UPDATE (phone) ON people TO p15c_writer;
