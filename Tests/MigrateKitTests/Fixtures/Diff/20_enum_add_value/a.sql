CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE size AS ENUM ('s', 'm');
CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'sad', s size);
