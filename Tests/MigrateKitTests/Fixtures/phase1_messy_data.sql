-- Phase-1 data (schema of revision 3b8e5d20c1a4) as a SQLite-era application leaves it: every kind of id,
-- JSON text and timestamp text that the phase-1 -> phase-2 conversion (7f41c9a2e806) must carry over.
-- All of it is valid for phase 2: the upgrade must succeed, keep every row and reference, and a downgrade
-- must give back exactly these values. 229 agents, 323 tasks. Deterministic: no random(), no now(), and no
-- dependence on the session TimeZone or DateStyle (the generated timestamps are formatted from `timestamp
-- without time zone` values).

-- Hand-written agents: one row per edge case.
INSERT INTO agents (id, name, agent_type, status, capabilities, system_prompt, model_provider, model_name,
                    created_at, updated_at) VALUES
    -- ids that PostgreSQL's uuid input accepts keep their value
    ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'Canonical UUID', 'chief_of_staff', 'idle', '[]',
     'Coordinate.', 'openrouter', 'auto', '2024-01-02 03:04:05', '2024-01-02T03:04:05+00:00'),
    ('B1FFCD88-8D1A-4EF9-AC7E-7CC8CE491B22', 'Upper-case UUID', 'master_operator', 'active', '["a","b"]',
     NULL, 'anthropic', 'claude', '2024-01-02T03:04:05', '2024-01-02T03:04:05Z'),
    ('{c2aade77-7e2b-4f0a-9d8f-8dd9df5a2c33}', 'Braced UUID', 'master_operator', 'busy', '[ "search" , "plan" ]',
     'Plan.', NULL, NULL, '2024-01-02T03:04:05.123Z', '2024-06-30T23:59:59.999999+05:30'),
    ('d3bbef667f3c4a1b8e9a9eeae06b3d44', 'UUID without hyphens', 'chief_of_staff', 'error',
     '{"tools": ["x"], "level": 3}', '', 'openai', 'gpt-4o', '2024-01-02 03:04:05-0800', '2024-01-02'),
    ('e4cc-f055-6a4d-4b2c-9fab-aff1-07c4-4e55', 'UUID with a hyphen every four digits', 'master_operator',
     'offline', '{"a":1,"a":2}', NULL, 'openrouter', 'auto', '2024-01-02 03:04', '2024-01-02T03:04:05.123456789Z'),
    -- two spellings of one UUID: the canonical spelling keeps the value, the other gets a new UUID
    ('F5DD0144-5B5E-4C3D-8A0C-B0021D5F5F66', 'Same UUID, upper case', 'chief_of_staff', NULL, '"string"',
     NULL, 'openrouter', 'auto', '2024-03-10T02:30:00-05:00', '2023-12-31T23:30:00-01:00'),
    ('f5dd0144-5b5e-4c3d-8a0c-b0021d5f5f66', 'Same UUID, canonical', 'chief_of_staff', 'idle', '42',
     NULL, 'openrouter', 'auto', '2024-02-29 12:00:00', '1999-12-31T23:59:59+14:00'),
    -- two non-canonical spellings of one UUID: the first in "C" order ('0...' < '{...') keeps the value
    ('{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', 'Same UUID, braced upper case', 'master_operator', 'idle',
     'true', NULL, 'openrouter', 'auto', '2024-01-02T00:00:00.000+00:00', '2016-12-31T23:59:60Z'),
    ('0A1B2C3D4E5F4061827394A5B6C7D8E9', 'Same UUID, bare upper case', 'master_operator', 'idle', 'null',
     NULL, 'openrouter', 'auto', '2024-01-02T24:00:00Z', '2024-01-02T03:04:05+0545'),
    -- ids that are not UUIDs get new UUIDs
    ('agent-1', 'Plain text id', 'chief_of_staff', 'idle', '  [1, 2.50, 1e3]  ', 'Hello', 'openrouter', 'auto',
     '2024-01-02T03:04:05-12:00', '2024-01-02T03:04:05.5+01:00'),
    ('42', 'Numeric id', 'master_operator', 'active', '{"é": "\u00e9", "nested": {"x": [1, {"y": null}]}}',
     NULL, 'openrouter', 'auto', '2000-01-01 00:00:00', '2000-01-01T00:00:00.000001Z'),
    ('', 'Empty id', 'master_operator', 'busy', NULL, NULL, 'openrouter', 'auto', NULL, NULL),
    ('agent with spaces', 'Spaces in id', 'chief_of_staff', 'idle', '[]', NULL, NULL, NULL,
     '1970-01-01 00:00:00', '2038-01-19T03:14:08Z'),
    ('agënt-ü-東京', 'Ünïcödé 名前', 'chief_of_staff', 'idle', '["日本語", "emoji 🚀"]', 'Prompt with ünïcödé',
     'openrouter', 'auto', '2024-12-31T23:59:59.999999-00:00', NULL),
    (' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'UUID with a leading space is not a UUID', 'chief_of_staff',
     'idle', '[]', NULL, 'openrouter', 'auto', '2024-01-02 03:04:05', '2024-01-02 03:04:05'),
    ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', '31 hex digits is not a UUID', 'master_operator', 'idle', '{}',
     NULL, 'openrouter', 'auto', '2024-01-02T03:04:05+00:00', '2024-01-02T03:04:05+00:00'),
    ('O''Brien', 'Quote in id', 'master_operator', 'idle', '{"quote": "it''s"}', 'It''s me', 'openrouter',
     'auto', '2024-05-05T05:05:05.050505+02:00', '2024-05-05T05:05:05.050505+0200'),
    ('back\slash', 'Backslash in id', 'master_operator', 'offline', '["back\\slash"]', NULL, 'openrouter', 'auto',
     '2024-05-05', '2024-05-05 00:00'),
    ('long-name', repeat('n', 255), 'chief_of_staff', 'idle', '[]', repeat('p', 5000),
     repeat('m', 100), repeat('x', 100), '2024-01-02T03:04:05.1Z', '2024-01-02T03:04:05.12Z');

-- Default column values, as the phase-1 application gets them when it leaves columns out.
INSERT INTO agents (id, name, agent_type) VALUES
    ('defaults-1', 'Only required columns', 'chief_of_staff'),
    ('defaults-2', 'Only required columns, too', 'master_operator');

-- Generated agents: the same cases at volume.
INSERT INTO agents (id, name, agent_type, status, capabilities, system_prompt, model_provider, model_name,
                    created_at, updated_at)
SELECT CASE g % 6
           WHEN 0 THEN 'gen-agent-' || g
           WHEN 1 THEN upper(u.canonical)
           WHEN 2 THEN '{' || u.canonical || '}'
           WHEN 3 THEN u.hex
           WHEN 4 THEN u.canonical
           ELSE 'agent_' || g || '_' || substr(u.hex, 1, 6)
       END,
       'Generated agent ' || g,
       CASE WHEN g % 2 = 0 THEN 'chief_of_staff' ELSE 'master_operator' END,
       (ARRAY[NULL, 'idle', 'active', 'busy', 'error', 'offline'])[g % 6 + 1],
       CASE g % 7
           WHEN 0 THEN NULL
           WHEN 1 THEN '[]'
           WHEN 2 THEN '["search","plan"]'
           WHEN 3 THEN '[ "search", "plan" ]'
           WHEN 4 THEN '{"tools":["web"],"limit":' || g || '}'
           WHEN 5 THEN '"solo"'
           ELSE 'null'
       END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE 'You are agent ' || g || '.' END,
       (ARRAY[NULL, 'openrouter', 'anthropic', 'openai'])[g % 4 + 1],
       (ARRAY['auto', 'gpt-4o', NULL])[g % 3 + 1],
       CASE g % 9
           WHEN 0 THEN NULL
           WHEN 1 THEN to_char(t.created, 'YYYY-MM-DD HH24:MI:SS')
           WHEN 2 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS')
           WHEN 3 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           WHEN 4 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
           WHEN 5 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+05:30'
           WHEN 6 THEN to_char(t.created, 'YYYY-MM-DD HH24:MI:SS') || '-0800'
           WHEN 7 THEN to_char(t.created, 'YYYY-MM-DD')
           ELSE to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00'
       END,
       CASE (g + 4) % 9
           WHEN 0 THEN NULL
           WHEN 1 THEN to_char(t.updated, 'YYYY-MM-DD HH24:MI:SS')
           WHEN 2 THEN to_char(t.updated, 'YYYY-MM-DD"T"HH24:MI:SS')
           WHEN 3 THEN to_char(t.updated, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           WHEN 4 THEN to_char(t.updated, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
           WHEN 5 THEN to_char(t.updated, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '-03:30'
           WHEN 6 THEN to_char(t.updated, 'YYYY-MM-DD HH24:MI:SS') || '+1000'
           WHEN 7 THEN to_char(t.updated, 'YYYY-MM-DD HH24:MI')
           ELSE to_char(t.updated, 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00'
       END
FROM generate_series(1, 208) AS g
CROSS JOIN LATERAL (SELECT md5('agent' || g) AS hex) AS h
CROSS JOIN LATERAL (SELECT h.hex,
                           substr(h.hex, 1, 8) || '-' || substr(h.hex, 9, 4) || '-' || substr(h.hex, 13, 4) || '-'
                           || substr(h.hex, 17, 4) || '-' || substr(h.hex, 21, 12) AS canonical) AS u
CROSS JOIN LATERAL (SELECT TIMESTAMP '2023-01-01 00:00:00' + g * INTERVAL '37 hours 11 minutes 13.123457 seconds'
                               AS created,
                           TIMESTAMP '2023-01-01 00:00:00' + g * INTERVAL '41 hours 3 minutes 7.654321 seconds'
                               + INTERVAL '1 day' AS updated) AS t;

-- Hand-written tasks: every kind of agent id as a reference, and every kind of task id.
INSERT INTO tasks (id, title, description, status, priority, assigned_agent_id, created_at, updated_at) VALUES
    ('task-1', 'Refers to a canonical UUID', 'desc', 'pending', 'low',
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-01-02 03:04:05', NULL),
    ('task-2', 'Refers to an upper-case UUID', NULL, 'in_progress', 'medium',
     'B1FFCD88-8D1A-4EF9-AC7E-7CC8CE491B22', '2024-01-02T03:04:05Z', '2024-01-02T03:04:05.123Z'),
    ('task-3', 'Refers to a braced UUID', '', 'completed', 'high',
     '{c2aade77-7e2b-4f0a-9d8f-8dd9df5a2c33}', '2024-01-02 03:04', '2024-01-02'),
    ('task-4', 'Refers to a UUID without hyphens', 'x', 'failed', 'urgent',
     'd3bbef667f3c4a1b8e9a9eeae06b3d44', '2024-06-30T23:59:59.999999+05:30', NULL),
    ('task-5', 'Refers to a UUID with hyphens every four digits', NULL, 'cancelled', NULL,
     'e4cc-f055-6a4d-4b2c-9fab-aff1-07c4-4e55', NULL, NULL),
    ('task-6', 'Refers to the upper-case twin (gets a new UUID)', NULL, NULL, 'low',
     'F5DD0144-5B5E-4C3D-8A0C-B0021D5F5F66', '2024-01-02 03:04:05-0800', '2024-01-02 03:04:05-0800'),
    ('task-7', 'Refers to the canonical twin (keeps its UUID)', NULL, 'pending', 'medium',
     'f5dd0144-5b5e-4c3d-8a0c-b0021d5f5f66', NULL, NULL),
    ('task-8', 'Refers to the braced twin', NULL, 'pending', 'medium',
     '{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', NULL, NULL),
    ('task-9', 'Refers to the bare twin', NULL, 'pending', 'medium',
     '0A1B2C3D4E5F4061827394A5B6C7D8E9', NULL, NULL),
    ('task-10', 'Refers to the empty id', NULL, 'pending', 'medium', '', NULL, NULL),
    ('task-11', 'Refers to a unicode id', 'Ünïcödé', 'pending', 'medium', 'agënt-ü-東京', NULL, NULL),
    ('task-12', 'Refers to an id with a leading space', NULL, 'pending', 'medium',
     ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL, NULL),
    ('task-13', 'Refers to a quote', NULL, 'pending', 'medium', 'O''Brien', NULL, NULL),
    ('task-14', 'Refers to a backslash', NULL, 'pending', 'medium', 'back\slash', NULL, NULL),
    ('task-15', 'Unassigned', NULL, 'pending', 'medium', NULL, NULL, NULL),
    -- task ids in UUID spellings; one is the same UUID as an agent id (a different table: no conflict)
    ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'Task id: the upper-case spelling of an agent''s UUID', NULL,
     'pending', 'medium', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL, NULL),
    ('{11111111-2222-4333-8444-555555555555}', 'Task id: braced UUID', NULL, 'pending', 'medium', '42', NULL, NULL),
    ('11111111-2222-4333-8444-555555555555', 'Task id: the canonical twin of the braced one', NULL, 'pending',
     'medium', '42', NULL, NULL),
    ('', 'Task id: empty', NULL, 'pending', 'medium', '', NULL, NULL),
    ('long-title', repeat('t', 500), repeat('d', 10000), 'pending', 'medium', 'long-name', NULL, NULL);

INSERT INTO tasks (id, title) VALUES
    ('defaults-task', 'Only required columns');

-- Generated tasks, assigned to generated agents (or to nobody).
INSERT INTO tasks (id, title, description, status, priority, assigned_agent_id, created_at, updated_at)
SELECT CASE g % 5
           WHEN 0 THEN 'gen-task-' || g
           WHEN 1 THEN upper(u.canonical)
           WHEN 2 THEN '{' || u.canonical || '}'
           WHEN 3 THEN u.hex
           ELSE u.canonical
       END,
       'Task ' || g || ': ' || (ARRAY['analyse logs', 'write report', 'call customer', 'plan sprint'])[g % 4 + 1],
       CASE WHEN g % 4 = 0 THEN NULL ELSE 'Description of task ' || g END,
       (ARRAY[NULL, 'pending', 'in_progress', 'completed', 'failed', 'cancelled'])[g % 6 + 1],
       (ARRAY[NULL, 'low', 'medium', 'high', 'urgent'])[g % 5 + 1],
       CASE WHEN g % 5 = 0 THEN NULL
            ELSE (SELECT a.id FROM agents AS a WHERE a.name = 'Generated agent ' || ((g * 7) % 208 + 1)) END,
       CASE g % 7
           WHEN 0 THEN NULL
           WHEN 1 THEN to_char(t.created, 'YYYY-MM-DD HH24:MI:SS')
           WHEN 2 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
           WHEN 3 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS') || '+09:00'
           WHEN 4 THEN to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS.MS') || '-0430'
           WHEN 5 THEN to_char(t.created, 'YYYY-MM-DD')
           ELSE to_char(t.created, 'YYYY-MM-DD"T"HH24:MI:SS')
       END,
       CASE g % 3
           WHEN 0 THEN NULL
           WHEN 1 THEN to_char(t.created + INTERVAL '90 minutes', 'YYYY-MM-DD HH24:MI:SS')
           ELSE to_char(t.created + INTERVAL '90 minutes', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
       END
FROM generate_series(1, 302) AS g
CROSS JOIN LATERAL (SELECT md5('task' || g) AS hex) AS h
CROSS JOIN LATERAL (SELECT h.hex,
                           substr(h.hex, 1, 8) || '-' || substr(h.hex, 9, 4) || '-' || substr(h.hex, 13, 4) || '-'
                           || substr(h.hex, 17, 4) || '-' || substr(h.hex, 21, 12) AS canonical) AS u
CROSS JOIN LATERAL (SELECT TIMESTAMP '2024-01-01 08:00:00' + g * INTERVAL '5 hours 17 minutes 29.5 seconds'
                               AS created) AS t;
