CREATE TEXT SEARCH CONFIGURATION docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION docs DROP MAPPING FOR email, url, url_path, sfloat, float;
CREATE TEXT SEARCH CONFIGURATION old_docs (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION old_docs ADD MAPPING FOR word WITH simple;
CREATE TABLE documents (id integer PRIMARY KEY, body text);
CREATE INDEX documents_body ON documents USING gin (to_tsvector('docs', body));
