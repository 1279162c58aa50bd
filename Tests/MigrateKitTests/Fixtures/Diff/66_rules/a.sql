CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL, note text);
CREATE TABLE audit (account_id integer, action text);
CREATE RULE accounts_log AS ON INSERT TO accounts DO ALSO INSERT INTO audit VALUES (NEW.id, 'insert');
CREATE RULE accounts_keep AS ON DELETE TO accounts DO INSTEAD NOTHING;
CREATE RULE accounts_old AS ON UPDATE TO accounts WHERE NEW.balance < 0 DO INSTEAD NOTHING;
CREATE RULE accounts_gone AS ON UPDATE TO audit DO INSTEAD NOTHING;
