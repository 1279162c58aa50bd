CREATE TABLE "public"."agent_capabilities" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "agent_id" uuid NOT NULL,
    "capability_name" character varying(100) NOT NULL,
    "confidence_score" numeric(3,2) DEFAULT 0.5,
    "last_used" timestamp with time zone,
    "usage_count" integer DEFAULT 0,
    "created_at" timestamp with time zone DEFAULT now()
);
CREATE TABLE "public"."agent_messages" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "message_id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "correlation_id" uuid,
    "conversation_id" uuid,
    "sender_id" uuid NOT NULL,
    "recipient_id" uuid NOT NULL,
    "sender_type" character varying(50) NOT NULL,
    "recipient_type" character varying(50) NOT NULL,
    "message_type" character varying(50) NOT NULL,
    "priority" character varying(20) DEFAULT 'normal'::character varying,
    "status" character varying(20) DEFAULT 'pending'::character varying,
    "subject" character varying(500),
    "payload" jsonb DEFAULT '{}'::jsonb,
    "retry_count" integer DEFAULT 0,
    "max_retries" integer DEFAULT 3,
    "expires_at" timestamp with time zone,
    "delivered_at" timestamp with time zone,
    "acknowledged_at" timestamp with time zone,
    "created_at" timestamp with time zone DEFAULT now()
);
CREATE TABLE "public"."agent_performance" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "agent_id" uuid NOT NULL,
    "metric_name" character varying(100) NOT NULL,
    "metric_value" numeric(10,4) NOT NULL,
    "metric_unit" character varying(50),
    "recorded_at" timestamp with time zone DEFAULT now(),
    "context" jsonb DEFAULT '{}'::jsonb
);
CREATE TABLE "public"."agents" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "name" character varying(255) NOT NULL,
    "agent_type" character varying(50) NOT NULL,
    "status" character varying(50) DEFAULT 'idle'::character varying,
    "capabilities" jsonb DEFAULT '[]'::jsonb,
    "system_prompt" text,
    "model_provider" character varying(100) DEFAULT 'openrouter'::character varying,
    "model_name" character varying(100) DEFAULT 'auto'::character varying,
    "performance_metrics" jsonb DEFAULT '{}'::jsonb,
    "last_heartbeat" timestamp with time zone,
    "created_at" timestamp with time zone DEFAULT now(),
    "updated_at" timestamp with time zone DEFAULT now()
);
CREATE TABLE "public"."tasks" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "title" character varying(500) NOT NULL,
    "description" text,
    "status" character varying(50) DEFAULT 'pending'::character varying,
    "priority" character varying(20) DEFAULT 'medium'::character varying,
    "assigned_agent_id" uuid,
    "workflow_id" uuid,
    "step_order" integer DEFAULT 0,
    "context_data" jsonb DEFAULT '{}'::jsonb,
    "result_data" jsonb DEFAULT '{}'::jsonb,
    "started_at" timestamp with time zone,
    "completed_at" timestamp with time zone,
    "deadline" timestamp with time zone,
    "created_at" timestamp with time zone DEFAULT now(),
    "updated_at" timestamp with time zone DEFAULT now()
);
CREATE TABLE "public"."workflow_executions" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "workflow_id" uuid NOT NULL,
    "status" character varying(50) DEFAULT 'running'::character varying,
    "current_step" integer DEFAULT 0,
    "context_data" jsonb DEFAULT '{}'::jsonb,
    "result_data" jsonb DEFAULT '{}'::jsonb,
    "started_by" uuid,
    "started_at" timestamp with time zone DEFAULT now(),
    "completed_at" timestamp with time zone,
    "error_message" text
);
CREATE TABLE "public"."workflows" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "name" character varying(255) NOT NULL,
    "description" text,
    "definition" jsonb NOT NULL,
    "status" character varying(50) DEFAULT 'draft'::character varying,
    "version" integer DEFAULT 1,
    "created_by" uuid,
    "tags" text[] DEFAULT '{}'::text[],
    "created_at" timestamp with time zone DEFAULT now(),
    "updated_at" timestamp with time zone DEFAULT now()
);
ALTER TABLE "public"."agent_capabilities" ADD CONSTRAINT "agent_capabilities_agent_id_capability_name_key" UNIQUE (agent_id, capability_name);
ALTER TABLE "public"."agent_capabilities" ADD CONSTRAINT "agent_capabilities_confidence_score_check" CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric)));
ALTER TABLE "public"."agent_capabilities" ADD CONSTRAINT "agent_capabilities_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."agent_messages" ADD CONSTRAINT "agent_messages_message_id_key" UNIQUE (message_id);
ALTER TABLE "public"."agent_messages" ADD CONSTRAINT "agent_messages_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."agent_messages" ADD CONSTRAINT "agent_messages_priority_check" CHECK (((priority)::text = ANY ((ARRAY['low'::character varying, 'normal'::character varying, 'high'::character varying, 'urgent'::character varying])::text[])));
ALTER TABLE "public"."agent_messages" ADD CONSTRAINT "agent_messages_status_check" CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'sent'::character varying, 'delivered'::character varying, 'acknowledged'::character varying, 'failed'::character varying, 'expired'::character varying])::text[])));
ALTER TABLE "public"."agent_performance" ADD CONSTRAINT "agent_performance_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."agents" ADD CONSTRAINT "agents_agent_type_check" CHECK (((agent_type)::text = ANY ((ARRAY['chief_of_staff'::character varying, 'master_operator'::character varying])::text[])));
ALTER TABLE "public"."agents" ADD CONSTRAINT "agents_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."agent_capabilities" ADD CONSTRAINT "agent_capabilities_agent_id_fkey" FOREIGN KEY (agent_id) REFERENCES public.agents(id) ON DELETE CASCADE;
ALTER TABLE "public"."agent_messages" ADD CONSTRAINT "agent_messages_recipient_id_fkey" FOREIGN KEY (recipient_id) REFERENCES public.agents(id) ON DELETE CASCADE;
ALTER TABLE "public"."agent_messages" ADD CONSTRAINT "agent_messages_sender_id_fkey" FOREIGN KEY (sender_id) REFERENCES public.agents(id) ON DELETE CASCADE;
ALTER TABLE "public"."agent_performance" ADD CONSTRAINT "agent_performance_agent_id_fkey" FOREIGN KEY (agent_id) REFERENCES public.agents(id) ON DELETE CASCADE;
ALTER TABLE "public"."agents" ADD CONSTRAINT "agents_status_check" CHECK (((status)::text = ANY ((ARRAY['idle'::character varying, 'active'::character varying, 'busy'::character varying, 'error'::character varying, 'offline'::character varying])::text[])));
ALTER TABLE "public"."tasks" ADD CONSTRAINT "tasks_assigned_agent_id_fkey" FOREIGN KEY (assigned_agent_id) REFERENCES public.agents(id) ON DELETE SET NULL;
ALTER TABLE "public"."tasks" ADD CONSTRAINT "tasks_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."tasks" ADD CONSTRAINT "tasks_priority_check" CHECK (((priority)::text = ANY ((ARRAY['low'::character varying, 'medium'::character varying, 'high'::character varying, 'urgent'::character varying])::text[])));
ALTER TABLE "public"."tasks" ADD CONSTRAINT "tasks_status_check" CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying, 'completed'::character varying, 'failed'::character varying, 'cancelled'::character varying])::text[])));
ALTER TABLE "public"."workflow_executions" ADD CONSTRAINT "workflow_executions_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."workflow_executions" ADD CONSTRAINT "workflow_executions_started_by_fkey" FOREIGN KEY (started_by) REFERENCES public.agents(id);
ALTER TABLE "public"."workflow_executions" ADD CONSTRAINT "workflow_executions_status_check" CHECK (((status)::text = ANY ((ARRAY['running'::character varying, 'completed'::character varying, 'failed'::character varying, 'cancelled'::character varying])::text[])));
ALTER TABLE "public"."workflows" ADD CONSTRAINT "workflows_created_by_fkey" FOREIGN KEY (created_by) REFERENCES public.agents(id);
ALTER TABLE "public"."workflows" ADD CONSTRAINT "workflows_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."tasks" ADD CONSTRAINT "tasks_workflow_id_fkey" FOREIGN KEY (workflow_id) REFERENCES public.workflows(id) ON DELETE CASCADE;
ALTER TABLE "public"."workflow_executions" ADD CONSTRAINT "workflow_executions_workflow_id_fkey" FOREIGN KEY (workflow_id) REFERENCES public.workflows(id) ON DELETE CASCADE;
ALTER TABLE "public"."workflows" ADD CONSTRAINT "workflows_status_check" CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'active'::character varying, 'paused'::character varying, 'completed'::character varying, 'failed'::character varying])::text[])));
CREATE INDEX "idx_agent_capabilities_agent" ON "public"."agent_capabilities" USING btree (agent_id);
CREATE INDEX "idx_agent_performance_agent_metric" ON "public"."agent_performance" USING btree (agent_id, metric_name);
CREATE INDEX "idx_agents_last_heartbeat" ON "public"."agents" USING btree (last_heartbeat);
CREATE INDEX "idx_agents_type_status" ON "public"."agents" USING btree (agent_type, status);
CREATE INDEX "idx_messages_correlation" ON "public"."agent_messages" USING btree (correlation_id);
CREATE INDEX "idx_messages_recipient_status" ON "public"."agent_messages" USING btree (recipient_id, status);
CREATE INDEX "idx_messages_sender_type" ON "public"."agent_messages" USING btree (sender_id, message_type);
CREATE INDEX "idx_tasks_assigned_agent" ON "public"."tasks" USING btree (assigned_agent_id);
CREATE INDEX "idx_tasks_search" ON "public"."tasks" USING gin (to_tsvector('english'::regconfig, (((title)::text || ' '::text) || COALESCE(description, ''::text))));
CREATE INDEX "idx_tasks_status_priority" ON "public"."tasks" USING btree (status, priority);
CREATE INDEX "idx_tasks_workflow" ON "public"."tasks" USING btree (workflow_id);
CREATE INDEX "idx_workflow_executions_workflow" ON "public"."workflow_executions" USING btree (workflow_id);
CREATE INDEX "idx_workflows_search" ON "public"."workflows" USING gin (to_tsvector('english'::regconfig, (((name)::text || ' '::text) || COALESCE(description, ''::text))));
CREATE INDEX "idx_workflows_status" ON "public"."workflows" USING btree (status);
