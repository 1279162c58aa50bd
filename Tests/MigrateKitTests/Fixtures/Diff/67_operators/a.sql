CREATE FUNCTION approx_eq(a numeric, b numeric) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(a - b) < 0.01 $$;
CREATE FUNCTION approx_ne(a numeric, b numeric) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(a - b) >= 0.01 $$;
CREATE OPERATOR ~= (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = approx_eq, COMMUTATOR = ~=);
CREATE OPERATOR #- (RIGHTARG = integer, FUNCTION = int4um);
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric);
CREATE VIEW near_ten AS SELECT id FROM prices WHERE amount ~= 10;
