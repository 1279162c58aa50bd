-- migrate:revision 3b8e5d20c1a4
-- migrate:down_revision none
-- migrate:message Create phase-1 agents and tasks tables
-- migrate:created 2026-11-23T10:00:00Z

-- Phase 1 as the SQLite application has it, carried over to PostgreSQL unchanged: TEXT ids, TEXT timestamps
-- (whatever string the application wrote), `capabilities` as a JSON document stored in TEXT, and the SQLite
-- defaults. The only difference from SQLite is that PostgreSQL enforces the foreign key.
-- Constraint names are PostgreSQL's defaults: agents_pkey, tasks_pkey, tasks_assigned_agent_id_fkey.

-- migrate:up
CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    agent_type TEXT NOT NULL,
    status TEXT DEFAULT 'idle',
    capabilities TEXT,  -- JSON string
    system_prompt TEXT,
    model_provider TEXT DEFAULT 'openrouter',
    model_name TEXT DEFAULT 'auto',
    created_at TEXT,
    updated_at TEXT
);

CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT,
    status TEXT DEFAULT 'pending',
    priority TEXT DEFAULT 'medium',
    assigned_agent_id TEXT,
    created_at TEXT,
    updated_at TEXT,
    FOREIGN KEY (assigned_agent_id) REFERENCES agents (id)
);

-- migrate:down
-- Drops every phase-1 row: this is the root revision, there is nothing to keep them in.
DROP TABLE tasks;
DROP TABLE agents;
