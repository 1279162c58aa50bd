-- migrate: destructive: drops table public.agent_capabilities
DROP TABLE "public"."agent_capabilities";
-- migrate: destructive: drops table public.agent_messages
DROP TABLE "public"."agent_messages";
-- migrate: destructive: drops table public.agent_performance
DROP TABLE "public"."agent_performance";
-- migrate: destructive: drops table public.tasks
DROP TABLE "public"."tasks";
-- migrate: destructive: drops table public.workflow_executions
DROP TABLE "public"."workflow_executions";
-- migrate: destructive: drops table public.workflows
DROP TABLE "public"."workflows";
-- migrate: destructive: drops table public.agents
DROP TABLE "public"."agents";
