CREATE TABLE t (id serial PRIMARY KEY, v text, new_counter smallserial);
CREATE TABLE u (id bigserial PRIMARY KEY);
