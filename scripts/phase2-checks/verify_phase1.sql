-- After downgrading back to phase 1: the tables must equal the snapshot exactly (both directions).
SELECT check_name, problems FROM (VALUES
  ('agents: rows not in the original',
     (SELECT count(*) FROM (SELECT * FROM agents EXCEPT ALL SELECT * FROM verify.agents) d)),
  ('agents: original rows missing',
     (SELECT count(*) FROM (SELECT * FROM verify.agents EXCEPT ALL SELECT * FROM agents) d)),
  ('tasks: rows not in the original',
     (SELECT count(*) FROM (SELECT * FROM tasks EXCEPT ALL SELECT * FROM verify.tasks) d)),
  ('tasks: original rows missing',
     (SELECT count(*) FROM (SELECT * FROM verify.tasks EXCEPT ALL SELECT * FROM tasks) d)),
  ('phase1_archive is gone', (SELECT count(*) FROM pg_namespace WHERE nspname = 'phase1_archive'))
) AS c(check_name, problems);
