CREATE TABLE ledger (id int, amount numeric);
ALTER TABLE ledger OWNER TO p15c_owner;
REVOKE DELETE, TRUNCATE ON ledger FROM p15c_owner;
GRANT SELECT ON ledger TO p15c_reader;
GRANT SELECT (amount) ON ledger TO p15c_auditor;
GRANT SELECT ON ledger TO p15c_writer;
CREATE TABLE journal (id int);
GRANT INSERT ON journal TO p15c_writer;
