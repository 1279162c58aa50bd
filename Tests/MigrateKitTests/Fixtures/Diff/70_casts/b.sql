-- Casts: one WITH FUNCTION becomes AS ASSIGNMENT (re-created) with a comment, new WITH INOUT and
-- WITHOUT FUNCTION casts, and a cast whose function is new (created after it) used by a new view, which
-- records a dependency on the function only (the cast must still come first).
CREATE TYPE level AS ENUM ('low', 'high');
CREATE FUNCTION level_rank(l level) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE l WHEN 'low' THEN 1 ELSE 2 END $$;
CREATE CAST (level AS integer) WITH FUNCTION level_rank(level) AS ASSIGNMENT;
COMMENT ON CAST (level AS integer) IS 'rank of a level';
CREATE FUNCTION level_label(l level) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT l::text $$;
CREATE CAST (level AS varchar) WITH FUNCTION level_label(level) AS IMPLICIT;
CREATE CAST (level AS json) WITH INOUT;
CREATE CAST (bytea AS text) WITHOUT FUNCTION;
CREATE VIEW level_labels AS SELECT 'low'::level::varchar AS label, 'high'::level::json AS document;
