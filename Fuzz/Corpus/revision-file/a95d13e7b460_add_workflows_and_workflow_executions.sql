-- migrate:revision a95d13e7b460
-- migrate:down_revision 7f41c9a2e806
-- migrate:message Add workflows and workflow executions
-- migrate:created 2026-11-23T10:20:00Z
-- migrate:lock_timeout 10s

-- Multi-step task orchestration: `workflows`, `workflow_executions`, and the foreign key from
-- tasks.workflow_id (added as a plain column by 7f41c9a2e806, because the seed's `tasks` refers to
-- `workflows` before creating it). Table definitions are the seed's, verbatim.
-- The indexes of the two new tables are built here, in the same transaction: the tables are empty, so a
-- plain CREATE INDEX is instant and CONCURRENTLY would buy nothing.
-- Adding the foreign key takes a SHARE ROW EXCLUSIVE lock on `tasks` while it checks the existing rows
-- (every workflow_id is NULL unless set after the previous revision); lock_timeout keeps the revision from
-- queueing behind long transactions.

-- migrate:up
CREATE TABLE workflows (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name VARCHAR(255) NOT NULL,
    description TEXT,
    definition JSONB NOT NULL,  -- Workflow steps and conditions
    status VARCHAR(50) DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'completed', 'failed')),
    version INTEGER DEFAULT 1,
    created_by UUID REFERENCES agents(id),
    tags TEXT[] DEFAULT '{}',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE TABLE workflow_executions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id UUID NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
    status VARCHAR(50) DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    current_step INTEGER DEFAULT 0,
    context_data JSONB DEFAULT '{}',
    result_data JSONB DEFAULT '{}',
    started_by UUID REFERENCES agents(id),
    started_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    completed_at TIMESTAMP WITH TIME ZONE,
    error_message TEXT
);

ALTER TABLE tasks
    ADD CONSTRAINT tasks_workflow_id_fkey FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE;

CREATE INDEX idx_workflows_status ON workflows(status);
CREATE INDEX idx_workflow_executions_workflow ON workflow_executions(workflow_id);
CREATE INDEX idx_workflows_search ON workflows USING gin(to_tsvector('english', name || ' ' || COALESCE(description, '')));

-- migrate:down
-- Lost: every workflow and workflow execution. tasks.workflow_id keeps its values (now unchecked) until
-- 7f41c9a2e806 is downgraded, which drops the column.
ALTER TABLE tasks DROP CONSTRAINT tasks_workflow_id_fkey;
DROP TABLE workflow_executions;
DROP TABLE workflows;
