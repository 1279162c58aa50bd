CREATE EXTENSION btree_gist;
CREATE TABLE booking (
    id int PRIMARY KEY,
    room int,
    during tstzrange,
    EXCLUDE USING gist (room WITH =, during WITH &&)
);
