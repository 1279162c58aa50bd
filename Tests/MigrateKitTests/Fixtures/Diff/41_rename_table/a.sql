CREATE TABLE customers (id serial PRIMARY KEY, email text UNIQUE);
CREATE INDEX customers_email_lower_idx ON customers (lower(email));
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER customers_stamp BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION stamp();
