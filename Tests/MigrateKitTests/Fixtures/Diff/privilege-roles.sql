-- The roles the privilege fixtures (those with a `privileges` file) name, set up before each of them.
-- Roles are cluster-wide and tests run in parallel: each is created only when missing.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['p15c_reader', 'p15c_writer', 'p15c_owner', 'p15c_auditor'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another test created it meanwhile
            END;
        END IF;
    END LOOP;
END
$$;
