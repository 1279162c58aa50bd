CREATE TABLE accounts (id integer PRIMARY KEY, city text, zip text);
CREATE RULE accounts_keep AS ON DELETE TO accounts DO INSTEAD NOTHING;
CREATE STATISTICS accounts_place (dependencies) ON city, zip FROM accounts;
