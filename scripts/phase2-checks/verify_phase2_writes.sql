-- After downgrading phase2_writes.sql back to phase 1: changed values in the documented text forms, the rest
-- as the original phase-1 data.
SELECT check_name, problems FROM (VALUES
  ('changed capabilities: JSONB text form',
     (SELECT count(*) FROM agents WHERE id = 'agent-1' AND capabilities IS DISTINCT FROM '["changed"]')),
  ('unchanged timestamp of a changed row: original spelling',
     (SELECT count(*) FROM agents WHERE id = 'agent-1' AND created_at IS DISTINCT FROM '2024-01-02T03:04:05-12:00')),
  ('changed timestamp: ISO 8601 UTC with microseconds',
     (SELECT count(*) FROM agents WHERE id = 'B1FFCD88-8D1A-4EF9-AC7E-7CC8CE491B22'
                                    AND updated_at IS DISTINCT FROM '2030-05-06T05:08:09.500000+00:00')),
  ('phase-2 agent: UUID text id, ISO timestamps',
     1 - (SELECT count(*) FROM agents WHERE id = '99999999-8888-4777-8666-555555555555'
                                        AND created_at = '2031-01-01T00:00:00+00:00' AND capabilities = '[]')),
  ('phase-2 task: references the phase-2 agent',
     1 - (SELECT count(*) FROM tasks WHERE id = '77777777-8888-4777-8666-555555555555'
                                       AND assigned_agent_id = '99999999-8888-4777-8666-555555555555'
                                       AND created_at = '2031-01-01T12:00:00.250000+00:00' AND updated_at IS NULL)),
  ('deleted agent: gone, its tasks unassigned',
     (SELECT count(*) FROM agents WHERE id = '42')
     + (SELECT count(*) FROM tasks WHERE id IN ('{11111111-2222-4333-8444-555555555555}',
                                                '11111111-2222-4333-8444-555555555555')
                                     AND assigned_agent_id IS NOT NULL)),
  ('every other agent row as in phase 1',
     (SELECT count(*) FROM (SELECT * FROM agents WHERE id NOT IN ('agent-1', 'B1FFCD88-8D1A-4EF9-AC7E-7CC8CE491B22',
                                                                 '99999999-8888-4777-8666-555555555555')
                            EXCEPT ALL SELECT * FROM verify.agents) d)),
  ('every other task row as in phase 1',
     (SELECT count(*) FROM (SELECT * FROM tasks WHERE id NOT IN ('77777777-8888-4777-8666-555555555555',
                                                               '{11111111-2222-4333-8444-555555555555}',
                                                               '11111111-2222-4333-8444-555555555555')
                            EXCEPT ALL SELECT * FROM verify.tasks) d)),
  ('row counts (one agent deleted, one added; one task added)',
     abs((SELECT count(*) FROM agents) - (SELECT count(*) FROM verify.agents))
     + abs((SELECT count(*) FROM tasks) - (SELECT count(*) FROM verify.tasks) - 1))
) AS c(check_name, problems);
