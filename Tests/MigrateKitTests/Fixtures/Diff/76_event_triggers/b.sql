-- Event triggers: one disabled (ALTER EVENT TRIGGER ... DISABLE), one enabled again, one set to ENABLE
-- ALWAYS, one dropped, a new one with tags and a comment whose function is new. They fire on the plan's
-- own DDL, so the plan drops them first and creates them last.
CREATE FUNCTION note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'ddl: %', tg_tag;
END
$$;
CREATE FUNCTION note_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'table: %', tg_tag;
END
$$;
CREATE EVENT TRIGGER note_ddl_end ON ddl_command_end EXECUTE FUNCTION note_ddl();
ALTER EVENT TRIGGER note_ddl_end DISABLE;
CREATE EVENT TRIGGER note_drops ON sql_drop EXECUTE FUNCTION note_ddl();
ALTER EVENT TRIGGER note_drops ENABLE ALWAYS;
CREATE EVENT TRIGGER "Table Changes" ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION note_tables();
COMMENT ON EVENT TRIGGER "Table Changes" IS 'tables only';
