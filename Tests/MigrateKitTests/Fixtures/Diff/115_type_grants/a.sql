CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE TYPE colour AS ENUM ('red', 'blue');
REVOKE USAGE ON TYPE colour FROM PUBLIC;
