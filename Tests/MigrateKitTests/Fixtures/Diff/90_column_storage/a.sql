CREATE TABLE docs (
    id integer PRIMARY KEY,
    body text,
    summary text,
    payload bytea,
    note varchar(100),
    score numeric,
    old_blob bytea
);
ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE docs ALTER COLUMN summary SET COMPRESSION pglz;
ALTER TABLE docs ALTER COLUMN score SET STATISTICS 500;
ALTER TABLE docs ALTER COLUMN note SET (n_distinct = 100);
ALTER TABLE docs ALTER COLUMN note SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN old_blob SET STORAGE PLAIN;
