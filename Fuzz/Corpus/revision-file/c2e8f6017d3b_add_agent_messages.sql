-- migrate:revision c2e8f6017d3b
-- migrate:down_revision a95d13e7b460
-- migrate:message Add agent messages
-- migrate:created 2026-11-23T10:30:00Z

-- Agent-to-agent messages, as in the seed (verbatim), with their three indexes. The table is new and empty,
-- so its indexes are built in the same transaction without CONCURRENTLY.

-- migrate:up
CREATE TABLE agent_messages (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    message_id UUID UNIQUE NOT NULL DEFAULT gen_random_uuid(),
    correlation_id UUID,
    conversation_id UUID,
    sender_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    recipient_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    sender_type VARCHAR(50) NOT NULL,
    recipient_type VARCHAR(50) NOT NULL,
    message_type VARCHAR(50) NOT NULL,
    priority VARCHAR(20) DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status VARCHAR(20) DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'acknowledged', 'failed', 'expired')),
    subject VARCHAR(500),
    payload JSONB DEFAULT '{}',
    retry_count INTEGER DEFAULT 0,
    max_retries INTEGER DEFAULT 3,
    expires_at TIMESTAMP WITH TIME ZONE,
    delivered_at TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX idx_messages_recipient_status ON agent_messages(recipient_id, status);
CREATE INDEX idx_messages_sender_type ON agent_messages(sender_id, message_type);
CREATE INDEX idx_messages_correlation ON agent_messages(correlation_id);

-- migrate:down
-- Lost: every agent message.
DROP TABLE agent_messages;
