-- A procedural language over PL/pgSQL's handlers with a function in it, a transform for it (its
-- functions are built-in C functions declared again), an index access method over btree's handler with an
-- operator class (btree's code builds no index for another method), a table access method; one access
-- method dropped.
CREATE LANGUAGE plsample HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE plsample IS 'PL/pgSQL under another name';
CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE plsample AS $$ BEGIN RETURN n * 2; END $$;
CREATE FUNCTION int_from_sql(internal) RETURNS internal LANGUAGE internal STRICT IMMUTABLE AS 'int4recv';
CREATE FUNCTION int_to_sql(internal) RETURNS integer LANGUAGE internal STRICT IMMUTABLE AS 'int4recv';
CREATE TRANSFORM FOR integer LANGUAGE plsample (
    FROM SQL WITH FUNCTION int_from_sql(internal), TO SQL WITH FUNCTION int_to_sql(internal)
);
CREATE ACCESS METHOD tree TYPE INDEX HANDLER bthandler;
CREATE OPERATOR CLASS int_tree_ops DEFAULT FOR TYPE integer USING tree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(integer, integer);
CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE items (id integer PRIMARY KEY, rank integer);
