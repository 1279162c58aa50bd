-- A hash operator class on a custom equality operator, used by a hash index; all new, so the up plan
-- creates operator, family, class and index in that order and the down plan drops them the other way.
CREATE FUNCTION ci_eq(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT lower(a) = lower(b) $$;
CREATE FUNCTION ci_hash(a text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT hashtext(lower(a)) $$;
CREATE OPERATOR =~= (LEFTARG = text, RIGHTARG = text, FUNCTION = ci_eq, COMMUTATOR = =~=, HASHES);
CREATE OPERATOR CLASS ci_hash_ops FOR TYPE text USING hash AS OPERATOR 1 =~=, FUNCTION 1 ci_hash(text);
CREATE TABLE tags (id integer PRIMARY KEY, label text);
CREATE INDEX tags_label ON tags USING hash (label ci_hash_ops);
