CREATE TYPE color AS ENUM ('red', 'green');
CREATE DOMAIN hex AS text CHECK (VALUE ~ '^#[0-9a-f]{6}$');
CREATE TABLE swatch (id int PRIMARY KEY, c color NOT NULL, h hex, cs color[]);
CREATE FUNCTION swatch_count(c color) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.swatch WHERE swatch.c = swatch_count.c $$;
