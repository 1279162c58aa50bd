CREATE TYPE mood AS ENUM ('very sad', 'sad', 'ok', 'happy', 'ecstatic');
CREATE TYPE size AS ENUM ('xs', 's', 'm', 'l');
CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'ok', s size);
