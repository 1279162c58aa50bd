-- Every kind of object defined by one CREATE statement, from an empty database (and back): rules, operators,
-- operator classes and families (btree and hash, used by indexes), casts, a conversion, text search
-- parser, template, dictionary and configuration (used by an index), extended statistics, an event
-- trigger, a language, a transform and access methods.
CREATE SCHEMA app;
CREATE LANGUAGE plsample HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
CREATE FUNCTION app.int_from_sql(internal) RETURNS internal LANGUAGE internal STRICT IMMUTABLE AS 'int4recv';
CREATE FUNCTION app.int_to_sql(internal) RETURNS integer LANGUAGE internal STRICT IMMUTABLE AS 'int4recv';
CREATE TRANSFORM FOR integer LANGUAGE plsample (
    FROM SQL WITH FUNCTION app.int_from_sql(internal), TO SQL WITH FUNCTION app.int_to_sql(internal)
);
CREATE ACCESS METHOD tree TYPE INDEX HANDLER bthandler;
CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler;

CREATE FUNCTION app.ci_eq(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT lower(a) = lower(b) $$;
CREATE FUNCTION app.ci_ne(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT lower(a) <> lower(b) $$;
CREATE FUNCTION app.ci_hash(a text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT hashtext(lower(a)) $$;
CREATE FUNCTION app.ci_cmp(a text, b text) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT bttextcmp(lower(a), lower(b)) $$;
CREATE OPERATOR app.=~= (
    LEFTARG = text, RIGHTARG = text, FUNCTION = app.ci_eq, COMMUTATOR = OPERATOR(app.=~=),
    NEGATOR = OPERATOR(app.!~=), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR app.!~= (
    LEFTARG = text, RIGHTARG = text, FUNCTION = app.ci_ne, COMMUTATOR = OPERATOR(app.!~=),
    NEGATOR = OPERATOR(app.=~=), RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR FAMILY app.ci_family USING btree;
CREATE OPERATOR CLASS app.ci_ops FOR TYPE text USING btree FAMILY app.ci_family AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 app.=~=, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 app.ci_cmp(text, text);
CREATE OPERATOR CLASS app.ci_hash_ops FOR TYPE text USING hash AS OPERATOR 1 app.=~=, FUNCTION 1 app.ci_hash(text);
CREATE OPERATOR CLASS app.int_tree_ops DEFAULT FOR TYPE integer USING tree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(integer, integer);

CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE FUNCTION app.level_rank(l app.level) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE l WHEN 'low' THEN 1 ELSE 2 END $$;
CREATE CAST (app.level AS integer) WITH FUNCTION app.level_rank(app.level) AS ASSIGNMENT;
CREATE CONVERSION app.latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;

CREATE TEXT SEARCH PARSER app.words (
    START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype
);
CREATE TEXT SEARCH TEMPLATE app.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY app.plain_words (TEMPLATE = app.plain, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION app.docs (PARSER = app.words);
ALTER TEXT SEARCH CONFIGURATION app.docs ADD MAPPING FOR asciiword, word WITH app.plain_words, simple;

CREATE TABLE app.people (id integer PRIMARY KEY, name text, city text, zip text, level app.level, bio text);
CREATE TABLE app.people_log (person_id integer, name text);
CREATE INDEX people_name ON app.people (name app.ci_ops);
CREATE INDEX people_name_hash ON app.people USING hash (name app.ci_hash_ops);
CREATE INDEX people_bio ON app.people USING gin (to_tsvector('app.docs', bio));
CREATE STATISTICS app.people_place (dependencies, ndistinct, mcv) ON city, zip FROM app.people;
CREATE STATISTICS app.people_names ON (lower(name)), (level::integer) FROM app.people;
CREATE RULE people_log AS ON INSERT TO app.people DO ALSO INSERT INTO app.people_log VALUES (NEW.id, NEW.name);
CREATE RULE people_keep AS ON DELETE TO app.people DO INSTEAD NOTHING;
CREATE VIEW app.same_name AS SELECT a.id FROM app.people a JOIN app.people b ON a.name OPERATOR(app.=~=) b.name;

CREATE FUNCTION app.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION app.note_ddl();
ALTER EVENT TRIGGER app_ddl DISABLE;
