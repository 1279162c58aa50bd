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
-- A CREATE INDEX CONCURRENTLY that fails (cancelled, lock or statement timeout, lost connection) leaves an
-- INVALID index under its name. migrate records how many statements completed, so the next `upgrade` resumes
-- at the failed statement, and before running a CREATE INDEX CONCURRENTLY it drops an INVALID index of exactly
-- that name on that table (and says so). The indexes that were built stay built. The DROP INDEX CONCURRENTLY
-- IF EXISTS before each CREATE predates that and is now redundant, but stays: the checksum of an applied
-- revision covers its up section, and changing it would make every database that applied it refuse to
-- upgrade. It also keeps the revision safe to run by hand with psql.
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
