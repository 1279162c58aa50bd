CREATE TABLE t (id serial PRIMARY KEY, old_counter bigserial, v text);
