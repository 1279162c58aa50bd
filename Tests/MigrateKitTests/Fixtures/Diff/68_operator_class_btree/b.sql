-- A btree operator family and class used by an index: the family gains cross-type members and an
-- equalimage function (PostgreSQL files the function listed in the class under the family): ALTER
-- OPERATOR FAMILY ... ADD, the class and its index are kept; a new class without FAMILY (PostgreSQL makes
-- a family of the same name) with a comment and an index. Down, the family's member function goes, so the
-- family is re-created, and with it the class and the index.
CREATE FUNCTION reverse_cmp(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a > b THEN -1 WHEN a < b THEN 1 ELSE 0 END $$;
CREATE FUNCTION reverse_cmp_big(a integer, b bigint) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a > b THEN -1 WHEN a < b THEN 1 ELSE 0 END $$;
CREATE OPERATOR FAMILY reverse_family USING btree;
CREATE OPERATOR CLASS reverse_ops FOR TYPE integer USING btree FAMILY reverse_family AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 reverse_cmp(integer, integer),
    FUNCTION 4 btequalimage(oid);
ALTER OPERATOR FAMILY reverse_family USING btree ADD
    OPERATOR 3 = (integer, bigint), FUNCTION 1 reverse_cmp_big(integer, bigint);
CREATE OPERATOR CLASS "Text Ops" FOR TYPE text USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 bttextcmp(text, text);
COMMENT ON OPERATOR CLASS "Text Ops" USING btree IS 'plain text order';
CREATE TABLE scores (id integer PRIMARY KEY, points integer, name text);
CREATE INDEX scores_points ON scores (points reverse_ops);
CREATE INDEX scores_name ON scores (name "Text Ops");
