CREATE TABLE clients (id serial PRIMARY KEY, email text UNIQUE);
CREATE INDEX clients_email_lower_idx ON clients (lower(email));
CREATE TABLE orders (id int PRIMARY KEY, client_id int REFERENCES clients (id));
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER customers_stamp BEFORE UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION stamp();
