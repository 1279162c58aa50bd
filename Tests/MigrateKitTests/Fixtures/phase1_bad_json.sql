-- Phase-1 data (schema of 3b8e5d20c1a4) with agents.capabilities texts that are not valid JSON.
-- Expected: upgrading to 7f41c9a2e806 fails with SQLSTATE 22P02; the message names exactly
-- agents '', 'bad-json-1', 'bad-json-2', 'bad-json-3', 'bad-json-4' (DETAIL: one line per agent with the value
-- and PostgreSQL's reason); the database is left unchanged (still phase 1, same rows).
INSERT INTO agents (id, name, agent_type, capabilities, created_at) VALUES
    ('good-1', 'Valid JSON array', 'chief_of_staff', '["search"]', '2024-01-02 03:04:05'),
    ('good-2', 'NULL capabilities', 'master_operator', NULL, NULL),
    ('bad-json-1', 'Not JSON at all', 'chief_of_staff', 'search, plan', '2024-01-02 03:04:05'),
    ('bad-json-2', 'Trailing comma', 'master_operator', '{"a": 1,}', NULL),
    ('bad-json-3', 'Single quotes (Python repr)', 'master_operator', '[''search'', ''plan'']', NULL),
    ('bad-json-4', 'NUL escape: valid JSON, but JSONB cannot store it', 'chief_of_staff', '"a\u0000b"', NULL),
    ('', 'Empty string is not JSON', 'chief_of_staff', '', NULL);
INSERT INTO tasks (id, title, assigned_agent_id) VALUES
    ('task-1', 'Assigned to an agent with bad JSON', 'bad-json-1');
