-- A film-rental store, written for the autogenerate corpus: 32 tables, functions calling each other
-- (SQL, PL/pgSQL and BEGIN ATOMIC), views over views, a materialized view, triggers, domains, enums,
-- a partitioned table, aggregates, collations and table inheritance.
SET check_function_bodies = off;
CREATE SCHEMA store;
CREATE COLLATION store.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TYPE store.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE TYPE store.payment_state AS ENUM ('pending', 'settled', 'refunded');
CREATE DOMAIN store.year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE DOMAIN store.money_amount AS numeric(7, 2) CHECK (VALUE >= 0);
CREATE DOMAIN store.email AS text CHECK (VALUE LIKE '%_@_%');

CREATE FUNCTION store.group_concat_step(acc text, item text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN acc IS NULL THEN item WHEN item IS NULL THEN acc ELSE acc || ', ' || item END $$;
CREATE AGGREGATE store.group_concat(text) (SFUNC = store.group_concat_step, STYPE = text);
CREATE FUNCTION store.sum_step(acc numeric, amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC SELECT coalesce(acc, 0) + coalesce(amount, 0); END;
CREATE AGGREGATE store.total_amount(numeric) (SFUNC = store.sum_step, STYPE = numeric, INITCOND = '0');

CREATE FUNCTION store.touch_last_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_update := now();
    RETURN NEW;
END $$;

CREATE TABLE store.country (country_id serial PRIMARY KEY, country text NOT NULL UNIQUE, last_update timestamptz NOT NULL DEFAULT now());
CREATE TABLE store.city (city_id serial PRIMARY KEY, city text NOT NULL, country_id integer NOT NULL REFERENCES store.country, last_update timestamptz NOT NULL DEFAULT now());
CREATE TABLE store.address (
    address_id serial PRIMARY KEY, address text NOT NULL, address2 text, district text NOT NULL,
    city_id integer NOT NULL REFERENCES store.city, postal_code text, phone text NOT NULL,
    last_update timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE store.language (language_id serial PRIMARY KEY, name character(20) NOT NULL, last_update timestamptz NOT NULL DEFAULT now());
CREATE TABLE store.category (category_id serial PRIMARY KEY, name text NOT NULL COLLATE store.nocase, last_update timestamptz NOT NULL DEFAULT now());
CREATE TABLE store.actor (actor_id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, last_update timestamptz NOT NULL DEFAULT now());
CREATE INDEX actor_last_name ON store.actor (last_name);
CREATE TABLE store.film (
    film_id serial PRIMARY KEY, title text NOT NULL, description text, release_year store.year,
    language_id integer NOT NULL REFERENCES store.language, original_language_id integer REFERENCES store.language,
    rental_duration smallint NOT NULL DEFAULT 3, rental_rate store.money_amount NOT NULL DEFAULT 4.99,
    length smallint, replacement_cost store.money_amount NOT NULL DEFAULT 19.99,
    rating store.mpaa_rating DEFAULT 'G', special_features text[], fulltext tsvector,
    last_update timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX film_fulltext ON store.film USING gist (fulltext);
CREATE INDEX film_title ON store.film (title);
CREATE TABLE store.film_actor (actor_id integer NOT NULL REFERENCES store.actor ON DELETE CASCADE, film_id integer NOT NULL REFERENCES store.film ON DELETE CASCADE, last_update timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (actor_id, film_id));
CREATE TABLE store.film_category (film_id integer NOT NULL REFERENCES store.film, category_id integer NOT NULL REFERENCES store.category, last_update timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (film_id, category_id));
CREATE TABLE store.film_text (film_id integer PRIMARY KEY REFERENCES store.film, title text NOT NULL, description text);
CREATE TABLE store.staff (
    staff_id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
    address_id integer NOT NULL REFERENCES store.address, email store.email, store_id integer NOT NULL,
    active boolean NOT NULL DEFAULT true, username text NOT NULL, password text, picture bytea,
    last_update timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE store.store (store_id serial PRIMARY KEY, manager_staff_id integer NOT NULL UNIQUE REFERENCES store.staff DEFERRABLE INITIALLY DEFERRED, address_id integer NOT NULL REFERENCES store.address, last_update timestamptz NOT NULL DEFAULT now());
ALTER TABLE store.staff ADD CONSTRAINT staff_store_fk FOREIGN KEY (store_id) REFERENCES store.store DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE store.customer (
    customer_id serial PRIMARY KEY, store_id integer NOT NULL REFERENCES store.store,
    first_name text NOT NULL, last_name text NOT NULL, email store.email,
    address_id integer NOT NULL REFERENCES store.address, activebool boolean NOT NULL DEFAULT true,
    create_date date NOT NULL DEFAULT CURRENT_DATE, last_update timestamptz DEFAULT now(), active integer
);
CREATE INDEX customer_last_name ON store.customer (last_name);
CREATE TABLE store.inventory (inventory_id serial PRIMARY KEY, film_id integer NOT NULL REFERENCES store.film, store_id integer NOT NULL REFERENCES store.store, last_update timestamptz NOT NULL DEFAULT now());
CREATE INDEX inventory_store_film ON store.inventory (store_id, film_id);
CREATE TABLE store.rental (
    rental_id serial PRIMARY KEY, rental_date timestamptz NOT NULL, inventory_id integer NOT NULL REFERENCES store.inventory,
    customer_id integer NOT NULL REFERENCES store.customer, return_date timestamptz,
    staff_id integer NOT NULL REFERENCES store.staff, last_update timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX rental_unique ON store.rental (rental_date, inventory_id, customer_id);
CREATE TABLE store.payment (
    payment_id serial, customer_id integer NOT NULL, staff_id integer NOT NULL, rental_id integer,
    amount store.money_amount NOT NULL, state store.payment_state NOT NULL DEFAULT 'settled',
    payment_date timestamptz NOT NULL, PRIMARY KEY (payment_date, payment_id)
) PARTITION BY RANGE (payment_date);
CREATE TABLE store.payment_2022 PARTITION OF store.payment FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE store.payment_2023 PARTITION OF store.payment FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE store.payment_2024 PARTITION OF store.payment FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE store.payment_other PARTITION OF store.payment DEFAULT;
CREATE INDEX payment_customer ON store.payment (customer_id);
CREATE TABLE store.log_entry (id bigint GENERATED ALWAYS AS IDENTITY, logged_at timestamptz NOT NULL DEFAULT now(), message text NOT NULL);
CREATE TABLE store.rental_log (rental_id integer) INHERITS (store.log_entry);
CREATE TABLE store.payment_log (payment_id integer, amount numeric) INHERITS (store.log_entry);
CREATE TABLE store.staff_log (staff_id integer) INHERITS (store.log_entry);
CREATE TABLE store.promotion (promotion_id serial PRIMARY KEY, name text NOT NULL, starts_on date NOT NULL, ends_on date, discount numeric(4, 2) NOT NULL CHECK (discount BETWEEN 0 AND 1));
CREATE TABLE store.promotion_film (promotion_id integer REFERENCES store.promotion ON DELETE CASCADE, film_id integer REFERENCES store.film, PRIMARY KEY (promotion_id, film_id));
CREATE TABLE store.supplier (supplier_id serial PRIMARY KEY, name text NOT NULL, email store.email, address_id integer REFERENCES store.address);
CREATE TABLE store.purchase_order (order_id serial PRIMARY KEY, supplier_id integer NOT NULL REFERENCES store.supplier, ordered_at timestamptz NOT NULL DEFAULT now(), received_at timestamptz);
CREATE TABLE store.purchase_line (order_id integer REFERENCES store.purchase_order ON DELETE CASCADE, line integer, film_id integer NOT NULL REFERENCES store.film, quantity integer NOT NULL CHECK (quantity > 0), unit_cost store.money_amount NOT NULL, PRIMARY KEY (order_id, line));
CREATE TABLE store.review (review_id serial PRIMARY KEY, film_id integer NOT NULL REFERENCES store.film, customer_id integer NOT NULL REFERENCES store.customer, stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5), body text, written_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE store.wishlist (customer_id integer REFERENCES store.customer ON DELETE CASCADE, film_id integer REFERENCES store.film, added_at timestamptz DEFAULT now(), PRIMARY KEY (customer_id, film_id));
CREATE TABLE store.loyalty_tier (tier text PRIMARY KEY, minimum_rentals integer NOT NULL UNIQUE);
CREATE TABLE store.customer_tier (customer_id integer PRIMARY KEY REFERENCES store.customer, tier text NOT NULL REFERENCES store.loyalty_tier, since date NOT NULL DEFAULT CURRENT_DATE);
CREATE TABLE store.late_fee (rental_id integer PRIMARY KEY REFERENCES store.rental, days_late integer NOT NULL, fee store.money_amount NOT NULL);
CREATE TABLE store.shift (shift_id serial PRIMARY KEY, staff_id integer NOT NULL REFERENCES store.staff, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, CHECK (ends_at > starts_at));
CREATE TABLE store.setting (key text PRIMARY KEY, value text NOT NULL);

-- Functions calling each other: "film_in_stock" uses "inventory_in_stock", which sorts after it.
CREATE FUNCTION store.film_in_stock(p_film_id integer, p_store_id integer) RETURNS SETOF integer LANGUAGE sql STABLE
    AS $$ SELECT inventory_id FROM store.inventory WHERE film_id = p_film_id AND store_id = p_store_id
          AND store.inventory_in_stock(inventory_id) $$;
CREATE FUNCTION store.inventory_held_by_customer(p_inventory_id integer) RETURNS integer LANGUAGE sql STABLE
    AS $$ SELECT customer_id FROM store.rental WHERE return_date IS NULL AND inventory_id = p_inventory_id $$;
CREATE FUNCTION store.inventory_in_stock(p_inventory_id integer) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN store.inventory_held_by_customer(p_inventory_id) IS NULL;
END $$;
CREATE FUNCTION store.customer_balance(p_customer_id integer, p_effective_date timestamptz) RETURNS numeric LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(f.rental_rate), 0) - coalesce((SELECT store.total_amount(amount) FROM store.payment p
          WHERE p.customer_id = p_customer_id AND p.payment_date <= p_effective_date), 0)
          FROM store.rental r JOIN store.inventory i USING (inventory_id) JOIN store.film f USING (film_id)
          WHERE r.customer_id = p_customer_id AND r.rental_date <= p_effective_date $$;
CREATE FUNCTION store.last_day(d timestamptz) RETURNS date LANGUAGE sql IMMUTABLE STRICT
    BEGIN ATOMIC SELECT (date_trunc('month', d) + interval '1 month' - interval '1 day')::date; END;
CREATE FUNCTION store.full_name(first_name text, last_name text) RETURNS text LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC SELECT first_name || ' ' || last_name; END;
CREATE FUNCTION store.log_rental() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO store.rental_log (message, rental_id) VALUES ('rented', NEW.rental_id);
    RETURN NEW;
END $$;
CREATE FUNCTION store.film_fulltext() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.fulltext := to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.description, ''));
    RETURN NEW;
END $$;
CREATE INDEX customer_full_name ON store.customer (store.full_name(first_name, last_name));

CREATE TRIGGER film_fulltext BEFORE INSERT OR UPDATE ON store.film FOR EACH ROW EXECUTE FUNCTION store.film_fulltext();
CREATE TRIGGER film_touch BEFORE UPDATE ON store.film FOR EACH ROW EXECUTE FUNCTION store.touch_last_update();
CREATE TRIGGER actor_touch BEFORE UPDATE ON store.actor FOR EACH ROW EXECUTE FUNCTION store.touch_last_update();
CREATE TRIGGER customer_touch BEFORE UPDATE ON store.customer FOR EACH ROW EXECUTE FUNCTION store.touch_last_update();
CREATE TRIGGER rental_log AFTER INSERT ON store.rental FOR EACH ROW EXECUTE FUNCTION store.log_rental();

-- Views over views, and a materialized view.
CREATE VIEW store.customer_list AS
    SELECT cu.customer_id AS id, store.full_name(cu.first_name, cu.last_name) AS name, a.address,
        a.postal_code AS zip_code, a.phone, ci.city, co.country, cu.store_id AS sid
    FROM store.customer cu JOIN store.address a USING (address_id) JOIN store.city ci USING (city_id)
        JOIN store.country co USING (country_id);
CREATE VIEW store.film_list AS
    SELECT f.film_id AS fid, f.title, f.description, c.name AS category, f.rental_rate AS price, f.length,
        f.rating, store.group_concat(store.full_name(a.first_name, a.last_name)) AS actors
    FROM store.category c LEFT JOIN store.film_category fc USING (category_id) LEFT JOIN store.film f USING (film_id)
        JOIN store.film_actor fa USING (film_id) JOIN store.actor a USING (actor_id)
    GROUP BY f.film_id, f.title, f.description, c.name, f.rental_rate, f.length, f.rating;
CREATE VIEW store.family_film_list AS SELECT * FROM store.film_list WHERE rating IN ('G', 'PG');
CREATE VIEW store.sales_by_store AS
    SELECT s.store_id, ci.city || ', ' || co.country AS store, store.full_name(m.first_name, m.last_name) AS manager,
        store.total_amount(p.amount) AS total_sales
    FROM store.payment p JOIN store.rental r USING (rental_id) JOIN store.inventory i USING (inventory_id)
        JOIN store.store s ON s.store_id = i.store_id JOIN store.address a ON a.address_id = s.address_id
        JOIN store.city ci USING (city_id) JOIN store.country co USING (country_id)
        JOIN store.staff m ON m.staff_id = s.manager_staff_id
    GROUP BY s.store_id, ci.city, co.country, m.first_name, m.last_name;
CREATE VIEW store.top_stores AS SELECT * FROM store.sales_by_store WHERE total_sales > 1000;
CREATE MATERIALIZED VIEW store.rental_by_category AS
    SELECT c.name AS category, store.total_amount(p.amount) AS total_sales
    FROM store.payment p JOIN store.rental r USING (rental_id) JOIN store.inventory i USING (inventory_id)
        JOIN store.film_category fc USING (film_id) JOIN store.category c USING (category_id)
    GROUP BY c.name;
CREATE UNIQUE INDEX rental_by_category_name ON store.rental_by_category (category);
COMMENT ON MATERIALIZED VIEW store.rental_by_category IS 'refreshed nightly';
COMMENT ON FUNCTION store.inventory_in_stock(integer) IS 'whether a copy is on the shelf';
