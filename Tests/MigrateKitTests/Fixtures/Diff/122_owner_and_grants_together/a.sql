CREATE TABLE ledger (id int, amount numeric);
GRANT SELECT ON ledger TO p15c_reader;
GRANT SELECT (amount) ON ledger TO p15c_auditor;
CREATE TABLE journal (id int);
ALTER TABLE journal OWNER TO p15c_owner;
GRANT INSERT ON journal TO p15c_writer;
