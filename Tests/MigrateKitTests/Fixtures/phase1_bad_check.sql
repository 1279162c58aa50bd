-- Phase-1 data (schema of 3b8e5d20c1a4) with values the phase-2 CHECK constraints forbid.
-- Expected: upgrading to 7f41c9a2e806 fails with SQLSTATE 23514; the message names exactly agents 'boss',
-- 'capitalised' and tasks 'done', 'critical'; the DETAIL has one line per value with the allowed values; the
-- database is left unchanged.
INSERT INTO agents (id, name, agent_type, status) VALUES
    ('good-1', 'Allowed values', 'chief_of_staff', 'idle'),
    ('good-2', 'NULL status is allowed', 'master_operator', NULL),
    ('boss', 'Unknown agent type', 'boss', 'idle'),
    ('capitalised', 'Status in the wrong case', 'master_operator', 'Idle');
INSERT INTO tasks (id, title, status, priority, assigned_agent_id) VALUES
    ('good-task', 'Allowed values', 'in_progress', 'urgent', 'good-1'),
    ('done', 'Unknown status', 'done', 'low', 'boss'),
    ('critical', 'Unknown priority', 'pending', 'critical', NULL);
