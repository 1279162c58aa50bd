-- Conversions: one kept with a comment, one dropped, one that becomes the default (re-created), a new one
-- in another schema.
CREATE SCHEMA enc;
CREATE CONVERSION latin_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION latin_to_utf8 IS 'latin-1 input';
CREATE DEFAULT CONVERSION utf8_to_latin FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
CREATE CONVERSION enc."Koi8 To Utf8" FOR 'KOI8R' TO 'UTF8' FROM koi8r_to_utf8;
