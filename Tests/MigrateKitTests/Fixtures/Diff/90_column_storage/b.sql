-- Column storage, compression, statistics targets and attribute options: changed in place (also across a
-- type change, which resets the storage), stated for a new column and for the columns of a new table.
CREATE TABLE docs (
    id integer PRIMARY KEY,
    body text,
    summary text,
    payload bytea COMPRESSION pglz,
    note text,
    score numeric,
    added text COMPRESSION pglz
);
ALTER TABLE docs ALTER COLUMN body SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE docs ALTER COLUMN note SET (n_distinct = -0.5, n_distinct_inherited = 10);
ALTER TABLE docs ALTER COLUMN note SET STORAGE MAIN;
ALTER TABLE docs ALTER COLUMN id SET STATISTICS 1000;
ALTER TABLE docs ALTER COLUMN added SET STORAGE EXTERNAL;
ALTER TABLE docs ALTER COLUMN added SET STATISTICS 50;
CREATE TABLE "Archive" ("Body" text COMPRESSION pglz, tags text[]);
ALTER TABLE "Archive" ALTER COLUMN "Body" SET STORAGE EXTERNAL;
ALTER TABLE "Archive" ALTER COLUMN tags SET STATISTICS 0;
ALTER TABLE "Archive" ALTER COLUMN tags SET (n_distinct = 5);
