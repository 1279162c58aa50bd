DROP TEXT SEARCH CONFIGURATION "public"."old_docs";
CREATE TEXT SEARCH DICTIONARY public.short_stop (TEMPLATE = pg_catalog.simple, stopwords = 'english', accept = 'false');
CREATE TEXT SEARCH CONFIGURATION public."Titles" (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION "public"."Titles" ADD MAPPING FOR "asciiword" WITH public.short_stop, simple;
ALTER TEXT SEARCH CONFIGURATION "public"."Titles" ADD MAPPING FOR "word" WITH public.short_stop, simple;
COMMENT ON TEXT SEARCH CONFIGURATION "public"."Titles" IS 'for titles';
ALTER TEXT SEARCH CONFIGURATION "public"."docs" ALTER MAPPING FOR "asciiword" WITH english_stem, simple;
ALTER TEXT SEARCH CONFIGURATION "public"."docs" ADD MAPPING FOR "email" WITH simple;
ALTER TEXT SEARCH CONFIGURATION "public"."docs" DROP MAPPING FOR "numword";
