CREATE FUNCTION reverse_cmp(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a > b THEN -1 WHEN a < b THEN 1 ELSE 0 END $$;
CREATE OPERATOR FAMILY reverse_family USING btree;
CREATE OPERATOR CLASS reverse_ops FOR TYPE integer USING btree FAMILY reverse_family AS
    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 reverse_cmp(integer, integer);
CREATE TABLE scores (id integer PRIMARY KEY, points integer);
CREATE INDEX scores_points ON scores (points reverse_ops);
