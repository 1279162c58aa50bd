-- Keep the phase-1 originals next to the data (schema verify is not touched by the migrations).
CREATE SCHEMA verify;
CREATE TABLE verify.agents AS SELECT * FROM agents;
CREATE TABLE verify.tasks AS SELECT * FROM tasks;
CREATE FUNCTION verify.as_uuid(t text) RETURNS uuid LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN RETURN t::uuid; EXCEPTION WHEN invalid_text_representation THEN RETURN NULL; END $$;
