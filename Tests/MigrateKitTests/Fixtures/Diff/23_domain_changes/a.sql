CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS text CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');
CREATE DOMAIN gone_domain AS text;
CREATE TABLE t (id int PRIMARY KEY, n positive, e email, g gone_domain);
