CREATE TYPE level AS ENUM ('low', 'high');
CREATE FUNCTION level_rank(l level) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE l WHEN 'low' THEN 1 ELSE 2 END $$;
CREATE CAST (level AS integer) WITH FUNCTION level_rank(level);
CREATE DOMAIN score AS integer;
