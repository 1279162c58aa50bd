-- Rules on a table: a DO ALSO rule whose action changes (re-created), a DO INSTEAD rule kept with a
-- comment and disabled, new ones (DO INSTEAD with a WHERE, DO ALSO on another table); the column an
-- unchanged rule reads changes type, which PostgreSQL refuses while the rule exists, so that rule is
-- dropped and created around the change.
CREATE TABLE accounts (id integer PRIMARY KEY, balance bigint NOT NULL, note text);
CREATE TABLE audit (account_id integer, action text, at_balance bigint);
CREATE TABLE "Deleted" (id integer);
CREATE RULE accounts_log AS ON INSERT TO accounts DO ALSO
    INSERT INTO audit VALUES (NEW.id, 'insert', NEW.balance);
CREATE RULE accounts_keep AS ON DELETE TO accounts DO INSTEAD NOTHING;
COMMENT ON RULE accounts_keep ON accounts IS 'rows are never deleted';
ALTER TABLE accounts DISABLE RULE accounts_keep;
CREATE RULE accounts_old AS ON UPDATE TO accounts WHERE NEW.balance < 0 DO INSTEAD NOTHING;
CREATE RULE "No Note" AS ON UPDATE TO accounts WHERE NEW.note IS NULL DO INSTEAD NOTHING;
CREATE RULE audit_deleted AS ON DELETE TO audit DO ALSO INSERT INTO "Deleted" VALUES (OLD.account_id);
