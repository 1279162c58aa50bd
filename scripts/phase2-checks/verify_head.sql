-- After upgrade head on the messy data: every check must report 0 problems.
SET TimeZone = 'UTC';  -- only for the oracle below (PostgreSQL's own timestamptz input of known-good texts)
CREATE TEMP TABLE agent_pairs AS
SELECT o.id AS o_id, o.name AS o_name, o.agent_type AS o_agent_type, o.status AS o_status,
       o.capabilities AS o_capabilities, o.system_prompt AS o_system_prompt, o.model_provider AS o_model_provider,
       o.model_name AS o_model_name, o.created_at AS o_created_at, o.updated_at AS o_updated_at, n.*
  FROM verify.agents o
  FULL JOIN (SELECT a.*, coalesce(m.old_id, a.id::text) AS restored
               FROM agents a LEFT JOIN phase1_archive.id_map m ON m.table_name = 'agents' AND m.new_id = a.id) n
    ON n.restored = o.id;
CREATE TEMP TABLE task_pairs AS
SELECT o.id AS o_id, o.title AS o_title, o.description AS o_description, o.status AS o_status,
       o.priority AS o_priority, o.assigned_agent_id AS o_assigned, o.created_at AS o_created_at,
       o.updated_at AS o_updated_at, n.*
  FROM verify.tasks o
  FULL JOIN (SELECT t.*, coalesce(m.old_id, t.id::text) AS restored
               FROM tasks t LEFT JOIN phase1_archive.id_map m ON m.table_name = 'tasks' AND m.new_id = t.id) n
    ON n.restored = o.id;
-- A phase-1 id "wins" its UUID if PostgreSQL accepts it and no other spelling of the same UUID is canonical
-- or (when none is) comes first in "C" order.
CREATE TEMP TABLE winners AS
SELECT tbl, id FROM (
    SELECT tbl, id, row_number() OVER (PARTITION BY tbl, verify.as_uuid(id)
                                       ORDER BY id = verify.as_uuid(id)::text DESC, id COLLATE "C") AS r
      FROM (SELECT 'agents' AS tbl, id FROM verify.agents UNION ALL SELECT 'tasks', id FROM verify.tasks) s
     WHERE verify.as_uuid(id) IS NOT NULL) w
 WHERE r = 1;

SELECT check_name, problems FROM (VALUES
  ('agents: row count', (SELECT abs((SELECT count(*) FROM agents) - (SELECT count(*) FROM verify.agents)))),
  ('agents: unmatched rows', (SELECT count(*) FROM agent_pairs WHERE o_id IS NULL OR id IS NULL)),
  ('agents: UUID-valid winner ids kept their value',
     (SELECT count(*) FROM agent_pairs p JOIN winners w ON w.tbl = 'agents' AND w.id = p.o_id
       WHERE p.id <> verify.as_uuid(p.o_id))),
  ('agents: other ids got a new v4 UUID',
     (SELECT count(*) FROM agent_pairs p
       WHERE NOT EXISTS (SELECT FROM winners w WHERE w.tbl = 'agents' AND w.id = p.o_id)
         AND (p.id = verify.as_uuid(p.o_id) OR substr(p.id::text, 15, 1) <> '4'))),
  ('agents: plain columns equal',
     (SELECT count(*) FROM agent_pairs
       WHERE (o_name, o_agent_type, o_status, o_system_prompt, o_model_provider, o_model_name)
             IS DISTINCT FROM (name::text, agent_type::text, status::text, system_prompt, model_provider::text,
                               model_name::text))),
  ('agents: capabilities = text::jsonb (NULL stays NULL)',
     (SELECT count(*) FROM agent_pairs WHERE capabilities IS DISTINCT FROM o_capabilities::jsonb)),
  ('agents: capabilities NULL count', (SELECT abs((SELECT count(*) FROM agents WHERE capabilities IS NULL)
                                              - (SELECT count(*) FROM verify.agents WHERE capabilities IS NULL)))),
  ('agents: timestamps = PostgreSQL input of the text in UTC',
     (SELECT count(*) FROM agent_pairs WHERE created_at IS DISTINCT FROM o_created_at::timestamptz
                                          OR updated_at IS DISTINCT FROM o_updated_at::timestamptz)),
  ('agents: new columns at their defaults',
     (SELECT count(*) FROM agents
       WHERE performance_metrics IS DISTINCT FROM '{}'::jsonb OR last_heartbeat IS NOT NULL)),
  ('tasks: row count', (SELECT abs((SELECT count(*) FROM tasks) - (SELECT count(*) FROM verify.tasks)))),
  ('tasks: unmatched rows', (SELECT count(*) FROM task_pairs WHERE o_id IS NULL OR id IS NULL)),
  ('tasks: UUID-valid winner ids kept their value',
     (SELECT count(*) FROM task_pairs p JOIN winners w ON w.tbl = 'tasks' AND w.id = p.o_id
       WHERE p.id <> verify.as_uuid(p.o_id))),
  ('tasks: other ids got a new v4 UUID',
     (SELECT count(*) FROM task_pairs p
       WHERE NOT EXISTS (SELECT FROM winners w WHERE w.tbl = 'tasks' AND w.id = p.o_id)
         AND (p.id = verify.as_uuid(p.o_id) OR substr(p.id::text, 15, 1) <> '4'))),
  ('tasks: plain columns equal',
     (SELECT count(*) FROM task_pairs WHERE (o_title, o_description, o_status, o_priority)
        IS DISTINCT FROM (title::text, description, status::text, priority::text))),
  ('tasks: timestamps = PostgreSQL input of the text in UTC',
     (SELECT count(*) FROM task_pairs WHERE created_at IS DISTINCT FROM o_created_at::timestamptz
                                         OR updated_at IS DISTINCT FROM o_updated_at::timestamptz)),
  ('tasks: references point at the converted agent',
     (SELECT count(*) FROM task_pairs p
       WHERE p.assigned_agent_id IS DISTINCT FROM (SELECT a.id FROM agent_pairs a WHERE a.o_id = p.o_assigned))),
  ('tasks: references kept (non-NULL count)',
     (SELECT abs((SELECT count(assigned_agent_id) FROM tasks) - (SELECT count(assigned_agent_id) FROM verify.tasks)))),
  ('tasks: new columns at their defaults',
     (SELECT count(*) FROM tasks
       WHERE (workflow_id, step_order, context_data, result_data, started_at, completed_at, deadline)
             IS DISTINCT FROM (NULL::uuid, 0, '{}'::jsonb, '{}'::jsonb, NULL::timestamptz, NULL::timestamptz,
                               NULL::timestamptz)))
) AS c(check_name, problems);

SELECT 'archive: ' || (SELECT string_agg(format('id_map %s %s', table_name, n), ', ' ORDER BY table_name)
                         FROM (SELECT table_name, count(*) AS n FROM phase1_archive.id_map GROUP BY 1) m)
       || '; ' || (SELECT string_agg(format('original_text %s.%s %s', table_name, column_name, n), ', '
                                     ORDER BY table_name, column_name)
                    FROM (SELECT table_name, column_name, count(*) AS n FROM phase1_archive.original_text
                           GROUP BY 1, 2) o);
