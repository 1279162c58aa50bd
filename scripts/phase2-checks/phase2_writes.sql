-- Writes made in phase 2, between an upgrade of phase1_messy_data.sql and the downgrade.
CREATE TEMP TABLE ids AS SELECT
    (SELECT id FROM agents WHERE name = 'Plain text id') AS plain,
    (SELECT id FROM agents WHERE name = 'Upper-case UUID') AS upper_uuid,
    (SELECT id FROM agents WHERE name = 'Numeric id') AS numeric_id;
UPDATE agents SET capabilities = '["changed"]', performance_metrics = '{"x": 1}', last_heartbeat = now()
 WHERE id = (SELECT plain FROM ids);
UPDATE agents SET updated_at = '2030-05-06 07:08:09.5+02' WHERE id = (SELECT upper_uuid FROM ids);
INSERT INTO agents (id, name, agent_type, created_at, updated_at)
VALUES ('99999999-8888-4777-8666-555555555555', 'Phase-2 agent', 'master_operator', '2031-01-01 00:00:00+00',
        '2031-01-01 00:00:00+00');
INSERT INTO tasks (id, title, assigned_agent_id, created_at, updated_at)
VALUES ('77777777-8888-4777-8666-555555555555', 'Phase-2 task', '99999999-8888-4777-8666-555555555555',
        '2031-01-01 12:00:00.25+00', NULL);
INSERT INTO workflows (name, definition) VALUES ('wf', '{}');
UPDATE tasks SET workflow_id = (SELECT id FROM workflows), step_order = 3 WHERE title = 'Task 1: write report';
INSERT INTO agent_messages (sender_id, recipient_id, sender_type, recipient_type, message_type)
SELECT plain, numeric_id, 'a', 'b', 'c' FROM ids;
-- ON DELETE SET NULL on tasks, CASCADE on agent_messages.
DELETE FROM agents WHERE id = (SELECT numeric_id FROM ids);
