-- A table renamed (renames.txt) with a rule and statistics on it: both name the table, so they are
-- dropped by the new name once the rename has run, and created again.
CREATE TABLE ledger (id integer PRIMARY KEY, city text, zip text);
CREATE RULE accounts_keep AS ON DELETE TO ledger DO INSTEAD NOTHING;
CREATE STATISTICS accounts_place (dependencies) ON city, zip FROM ledger;
