SET LOCAL check_function_bodies = off;
CREATE SCHEMA "app";
CREATE LANGUAGE plsample HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler;
CREATE ACCESS METHOD tree TYPE INDEX HANDLER bthandler;
CREATE TYPE "app"."level" AS ENUM ('low', 'high');
CREATE CONVERSION app.latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE TABLE "app"."people" (
    "id" integer NOT NULL,
    "name" text,
    "city" text,
    "zip" text,
    "level" app.level,
    "bio" text
);
CREATE TABLE "app"."people_log" (
    "person_id" integer,
    "name" text
);
ALTER TABLE "app"."people" ADD CONSTRAINT "people_pkey" PRIMARY KEY (id);
CREATE OR REPLACE FUNCTION app.ci_cmp(a text, b text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT bttextcmp(lower(a), lower(b)) $function$;
CREATE OR REPLACE FUNCTION app.ci_eq(a text, b text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower(a) = lower(b) $function$;
CREATE OR REPLACE FUNCTION app.ci_hash(a text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT hashtext(lower(a)) $function$;
CREATE OR REPLACE FUNCTION app.ci_ne(a text, b text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower(a) <> lower(b) $function$;
CREATE OR REPLACE FUNCTION app.int_from_sql(internal)
 RETURNS internal
 LANGUAGE internal
 IMMUTABLE STRICT
AS $function$int4recv$function$;
CREATE OR REPLACE FUNCTION app.int_to_sql(internal)
 RETURNS integer
 LANGUAGE internal
 IMMUTABLE STRICT
AS $function$int4recv$function$;
CREATE OR REPLACE FUNCTION app.level_rank(l app.level)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT CASE l WHEN 'low' THEN 1 ELSE 2 END $function$;
CREATE CAST (app.level AS integer) WITH FUNCTION app.level_rank(app.level) AS ASSIGNMENT;
CREATE OR REPLACE FUNCTION app.note_ddl()
 RETURNS event_trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RAISE NOTICE 'ddl'; END $function$;
CREATE OPERATOR app.!~= (FUNCTION = app.ci_ne, LEFTARG = text, RIGHTARG = text, COMMUTATOR = OPERATOR(app.!~=), NEGATOR = OPERATOR(app.=~=), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR app.=~= (FUNCTION = app.ci_eq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = OPERATOR(app.=~=), NEGATOR = OPERATOR(app.!~=), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE VIEW "app"."same_name" AS
 SELECT a.id
   FROM (app.people a
     JOIN app.people b ON ((a.name OPERATOR(app.=~=) b.name)));
CREATE OPERATOR FAMILY app.ci_family USING btree;
CREATE OPERATOR FAMILY app.ci_hash_ops USING hash;
CREATE OPERATOR FAMILY app.int_tree_ops USING tree;
CREATE OPERATOR CLASS app.ci_hash_ops FOR TYPE text USING hash FAMILY app.ci_hash_ops AS OPERATOR 1 app.=~=(text,text), FUNCTION 1 (text, text) app.ci_hash(text);
CREATE INDEX "people_name_hash" ON "app"."people" USING hash (name app.ci_hash_ops);
CREATE OPERATOR CLASS app.ci_ops FOR TYPE text USING btree FAMILY app.ci_family AS OPERATOR 1 <(text,text), OPERATOR 2 <=(text,text), OPERATOR 3 app.=~=(text,text), OPERATOR 4 >=(text,text), OPERATOR 5 >(text,text), FUNCTION 1 (text, text) app.ci_cmp(text,text);
CREATE INDEX "people_name" ON "app"."people" USING btree (name app.ci_ops);
CREATE OPERATOR CLASS app.int_tree_ops DEFAULT FOR TYPE integer USING tree FAMILY app.int_tree_ops AS OPERATOR 1 <(integer,integer), OPERATOR 2 <=(integer,integer), OPERATOR 3 =(integer,integer), OPERATOR 4 >=(integer,integer), OPERATOR 5 >(integer,integer), FUNCTION 1 (integer, integer) btint4cmp(integer,integer);
CREATE TEXT SEARCH PARSER app.words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH TEMPLATE app.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY app.plain_words (TEMPLATE = app.plain, stopwords = 'english');
CREATE TEXT SEARCH CONFIGURATION app.docs (PARSER = app.words);
ALTER TEXT SEARCH CONFIGURATION "app"."docs" ADD MAPPING FOR "asciiword" WITH app.plain_words, simple;
ALTER TEXT SEARCH CONFIGURATION "app"."docs" ADD MAPPING FOR "word" WITH app.plain_words, simple;
CREATE INDEX "people_bio" ON "app"."people" USING gin (to_tsvector('app.docs'::regconfig, bio));
CREATE TRANSFORM FOR integer LANGUAGE plsample (FROM SQL WITH FUNCTION app.int_from_sql(internal), TO SQL WITH FUNCTION app.int_to_sql(internal));
CREATE STATISTICS app.people_names ON lower(name), (level::integer) FROM app.people;
CREATE STATISTICS app.people_place ON city, zip FROM app.people;
CREATE RULE people_keep AS
    ON DELETE TO app.people DO INSTEAD NOTHING;
CREATE RULE people_log AS
    ON INSERT TO app.people DO  INSERT INTO app.people_log (person_id, name)
  VALUES (new.id, new.name);
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION app.note_ddl();
ALTER EVENT TRIGGER "app_ddl" DISABLE;
