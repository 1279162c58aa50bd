-- migrate:revision e3c6a85f1d97
-- migrate:down_revision d71b04a9e5f2
-- migrate:message Index agents and tasks concurrently
-- migrate:created 2026-11-23T10:50:00Z
-- migrate:transaction false
-- migrate:lock_timeout 0

-- The seed's indexes on `agents` and `tasks`. These tables hold every phase-1 row and are in use by the
-- application, so the indexes are built with CREATE INDEX CONCURRENTLY: writes go on while they build.
-- CONCURRENTLY cannot run inside a transaction block, hence `transaction false`: each statement commits
-- on its own.
--
-- Why each CREATE is preceded by DROP INDEX CONCURRENTLY IF EXISTS: a CREATE INDEX CONCURRENTLY that fails
-- (cancelled, lock or statement timeout, lost connection) leaves an INVALID index with that name behind. The
-- revision is then not recorded as applied, and the next upgrade runs it again from the top; without the
-- DROP, the CREATE would fail with "relation already exists" (and CREATE INDEX ... IF NOT EXISTS would
-- silently keep the INVALID index). Dropping first makes a resumed run rebuild whatever it finds, at the cost
-- of rebuilding the indexes that had already succeeded.
--
-- No lock_timeout: CONCURRENTLY waits, by design, for transactions that predate it; cutting that wait short
-- would only leave INVALID indexes to clean up.

-- migrate:up
DROP INDEX CONCURRENTLY IF EXISTS idx_agents_type_status;
CREATE INDEX CONCURRENTLY idx_agents_type_status ON agents(agent_type, status);

DROP INDEX CONCURRENTLY IF EXISTS idx_agents_last_heartbeat;
CREATE INDEX CONCURRENTLY idx_agents_last_heartbeat ON agents(last_heartbeat);

DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_status_priority;
CREATE INDEX CONCURRENTLY idx_tasks_status_priority ON tasks(status, priority);

DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_assigned_agent;
CREATE INDEX CONCURRENTLY idx_tasks_assigned_agent ON tasks(assigned_agent_id);

DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_workflow;
CREATE INDEX CONCURRENTLY idx_tasks_workflow ON tasks(workflow_id);

DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_search;
CREATE INDEX CONCURRENTLY idx_tasks_search ON tasks USING gin(to_tsvector('english', title || ' ' || COALESCE(description, '')));

-- migrate:down
-- Only indexes: nothing is lost. IF EXISTS so that an interrupted downgrade can be run again.
DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_search;
DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_workflow;
DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_assigned_agent;
DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_status_priority;
DROP INDEX CONCURRENTLY IF EXISTS idx_agents_last_heartbeat;
DROP INDEX CONCURRENTLY IF EXISTS idx_agents_type_status;
