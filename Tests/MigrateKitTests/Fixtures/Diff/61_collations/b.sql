-- libc and ICU collations: one kept with a new comment, one dropped with the column using it, one whose
-- definition changes (re-created; in the down plan after the index using it is dropped), new ones used by
-- a domain, a column in another schema's collation and an index.
CREATE COLLATION kept_c (provider = libc, lc_collate = 'C', lc_ctype = 'C');
COMMENT ON COLLATION kept_c IS 'byte order, unchanged';
CREATE COLLATION "Changed ICU" (provider = icu, locale = 'sv-SE');
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE SCHEMA text_rules;
CREATE COLLATION text_rules.numeric (provider = icu, locale = 'en-u-kn-true');
CREATE DOMAIN email AS text COLLATE case_insensitive;
CREATE TABLE people (id integer PRIMARY KEY, name text COLLATE kept_c, email email, code text COLLATE text_rules.numeric);
CREATE INDEX people_code ON people (code COLLATE "Changed ICU");
