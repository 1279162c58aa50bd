-- Phase-1 data (schema of 3b8e5d20c1a4) with values longer than the phase-2 VARCHAR limits (exactly at the
-- limit is fine: see 'good-1' and 'good-task').
-- Expected: upgrading to 7f41c9a2e806 fails with SQLSTATE 22001; the message names exactly agents
-- 'long-name', 'long-model' and task 'long-title'; the DETAIL has one line per value with its length and the
-- limit (4 values: 'long-model' has two); the database is left unchanged.
INSERT INTO agents (id, name, agent_type, model_provider, model_name) VALUES
    ('good-1', repeat('n', 255), 'chief_of_staff', repeat('p', 100), repeat('m', 100)),
    ('long-name', repeat('n', 256), 'chief_of_staff', 'openrouter', 'auto'),
    ('long-model', 'Long model columns', 'master_operator', repeat('p', 101), repeat('é', 101));
INSERT INTO tasks (id, title, assigned_agent_id) VALUES
    ('good-task', repeat('t', 500), 'good-1'),
    ('long-title', repeat('t', 501), 'long-name');
