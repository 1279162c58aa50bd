CREATE TEXT SEARCH DICTIONARY stems (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION mine (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION mine ADD MAPPING FOR asciiword WITH stems;
CREATE TABLE notes (id integer PRIMARY KEY, body text);
CREATE INDEX notes_body ON notes USING gin (to_tsvector('mine', body));
