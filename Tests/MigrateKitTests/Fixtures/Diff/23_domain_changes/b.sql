CREATE DOMAIN positive AS integer DEFAULT 1 NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 1000000);
CREATE DOMAIN email AS text CONSTRAINT email_has_at CHECK (VALUE LIKE '%_@_%');
CREATE DOMAIN new_domain AS numeric(8,2) CHECK (VALUE >= 0);
CREATE TABLE t (id int PRIMARY KEY, n positive, e email, price new_domain);
