-- migrate:revision d71b04a9e5f2
-- migrate:down_revision c2e8f6017d3b
-- migrate:message Add agent capabilities and performance
-- migrate:created 2026-11-23T10:40:00Z

-- Per-agent capability scores (for matching tasks to agents) and performance metrics, as in the seed
-- (verbatim), with their indexes. New, empty tables: plain CREATE INDEX in the same transaction.
-- agents.capabilities (JSONB) is left as it is: filling agent_capabilities from it is an application
-- decision (confidence scores, names), not a schema change.

-- migrate:up
CREATE TABLE agent_capabilities (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    capability_name VARCHAR(100) NOT NULL,
    confidence_score DECIMAL(3,2) DEFAULT 0.5 CHECK (confidence_score >= 0 AND confidence_score <= 1),
    last_used TIMESTAMP WITH TIME ZONE,
    usage_count INTEGER DEFAULT 0,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    UNIQUE(agent_id, capability_name)
);

CREATE TABLE agent_performance (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    metric_name VARCHAR(100) NOT NULL,
    metric_value DECIMAL(10,4) NOT NULL,
    metric_unit VARCHAR(50),
    recorded_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    context JSONB DEFAULT '{}'
);

CREATE INDEX idx_agent_capabilities_agent ON agent_capabilities(agent_id);
CREATE INDEX idx_agent_performance_agent_metric ON agent_performance(agent_id, metric_name);

-- migrate:down
-- Lost: every capability score and performance metric.
DROP TABLE agent_performance;
DROP TABLE agent_capabilities;
