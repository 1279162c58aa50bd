-- Dictionaries with options: the one a configuration uses gets a stop word list (re-created, and with it
-- the configuration and the index that uses it), a new synonym-free simple one with a comment.
CREATE TEXT SEARCH DICTIONARY stems (TEMPLATE = snowball, LANGUAGE = english, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION mine (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION mine ADD MAPPING FOR asciiword WITH stems;
CREATE TEXT SEARCH DICTIONARY "Plain Words" (TEMPLATE = simple, ACCEPT = true);
COMMENT ON TEXT SEARCH DICTIONARY "Plain Words" IS 'lower-cased words';
CREATE TABLE notes (id integer PRIMARY KEY, body text);
CREATE INDEX notes_body ON notes USING gin (to_tsvector('mine', body));
