CREATE COLLATION kept_c (provider = libc, lc_collate = 'C', lc_ctype = 'C');
COMMENT ON COLLATION kept_c IS 'byte order';
CREATE COLLATION dropped_posix (provider = libc, lc_collate = 'POSIX', lc_ctype = 'POSIX');
CREATE COLLATION "Changed ICU" (provider = icu, locale = 'de-u-co-phonebk');
CREATE TABLE people (id integer PRIMARY KEY, name text COLLATE kept_c, old_name text COLLATE dropped_posix);
