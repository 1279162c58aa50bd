-- Operators: one gains a negator and restriction/join estimators (re-created, with the view using it), a
-- new negator pair (the first creates its commutator/negator as a shell that the second fills), a prefix
-- operator dropped, a new one in another schema with a comment.
CREATE SCHEMA ops;
CREATE FUNCTION approx_eq(a numeric, b numeric) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(a - b) < 0.01 $$;
CREATE FUNCTION approx_ne(a numeric, b numeric) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(a - b) >= 0.01 $$;
CREATE OPERATOR ~= (
    LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = approx_eq, COMMUTATOR = ~=, NEGATOR = !~=,
    RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR !~= (
    LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = approx_ne, COMMUTATOR = !~=, NEGATOR = ~=,
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE FUNCTION ops.int_eq(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$;
CREATE OPERATOR ops.=== (
    LEFTARG = integer, RIGHTARG = integer, FUNCTION = ops.int_eq, COMMUTATOR = OPERATOR(ops.===),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR ops.=== (integer, integer) IS 'integer equality, spelled out';
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric);
CREATE VIEW near_ten AS SELECT id FROM prices WHERE amount ~= 10 AND id OPERATOR(ops.===) id;
