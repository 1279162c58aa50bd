-- Text search configurations: the one an index uses changes its mappings in place (one added, one changed,
-- one dropped: ALTER ... ADD/ALTER/DROP MAPPING, the index is kept), one dropped, a new one with a
-- dictionary of its own and a comment.
CREATE TEXT SEARCH CONFIGURATION docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION docs DROP MAPPING FOR url, url_path, sfloat, float, numword;
ALTER TEXT SEARCH CONFIGURATION docs ALTER MAPPING FOR asciiword WITH english_stem, simple;
CREATE TEXT SEARCH DICTIONARY short_stop (TEMPLATE = simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION "Titles" (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION "Titles" ADD MAPPING FOR asciiword, word WITH short_stop, simple;
COMMENT ON TEXT SEARCH CONFIGURATION "Titles" IS 'for titles';
CREATE TABLE documents (id integer PRIMARY KEY, body text);
CREATE INDEX documents_body ON documents USING gin (to_tsvector('docs', body));
