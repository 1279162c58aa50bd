-- Phase-1 data (schema of 3b8e5d20c1a4) with timestamp texts the conversion must refuse, including texts that
-- PostgreSQL's own timestamptz input would accept ('yesterday', 'epoch', 'now', 'infinity', '01/02/2024',
-- 'Jan 2 2024').
-- Expected: upgrading to 7f41c9a2e806 fails with SQLSTATE 22007; the message names the rows
-- agents 'bad-ts-1' ... 'bad-ts-8' and tasks 'bad-ts-task-1', 'bad-ts-task-2', 'bad-ts-task-3'; the DETAIL has one
-- line per value naming table, id, column, value and reason (17 values: most agents have two bad columns); the
-- database is left unchanged.
INSERT INTO agents (id, name, agent_type, created_at, updated_at) VALUES
    ('good-1', 'Accepted formats', 'chief_of_staff', '2024-01-02 03:04:05', '2024-01-02T03:04:05.123+05:30'),
    ('bad-ts-1', 'Relative words', 'chief_of_staff', 'yesterday', 'now'),
    ('bad-ts-2', 'Special values', 'master_operator', 'epoch', 'infinity'),
    ('bad-ts-3', 'US and textual dates', 'master_operator', '01/02/2024', 'Jan 2 2024'),
    ('bad-ts-4', 'Impossible date', 'chief_of_staff', '2024-02-30 10:00:00', '2023-02-29'),
    ('bad-ts-5', 'Impossible time', 'chief_of_staff', '2024-01-02 25:00:00', '2024-01-02T10:61:00Z'),
    ('bad-ts-6', 'Empty string', 'chief_of_staff', '', NULL),
    ('bad-ts-7', 'Malformed offsets', 'master_operator', '2024-01-02T03:04:05+5', '2024-01-02T03:04:05+16:00'),
    ('bad-ts-8', 'Space before the offset', 'master_operator', '2024-01-02 03:04:05 +05:00', NULL);
INSERT INTO tasks (id, title, assigned_agent_id, created_at, updated_at) VALUES
    ('good-task', 'Accepted', 'good-1', '2024-01-02', '2024-01-02 03:04'),
    ('bad-ts-task-1', 'Lower-case t and z', 'good-1', '2024-01-02t03:04:05z', NULL),
    ('bad-ts-task-2', 'Unix epoch seconds', NULL, '1704164645', NULL),
    ('bad-ts-task-3', 'Year 0', NULL, '0000-01-01 00:00:00', NULL);
