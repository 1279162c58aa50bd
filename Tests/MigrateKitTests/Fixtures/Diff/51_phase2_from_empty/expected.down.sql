-- DESTRUCTIVE: drops table public.agent_capabilities
DROP TABLE "public"."agent_capabilities";
-- DESTRUCTIVE: drops table public.agent_messages
DROP TABLE "public"."agent_messages";
-- DESTRUCTIVE: drops table public.agent_performance
DROP TABLE "public"."agent_performance";
-- DESTRUCTIVE: drops table public.tasks
DROP TABLE "public"."tasks";
-- DESTRUCTIVE: drops table public.workflow_executions
DROP TABLE "public"."workflow_executions";
-- DESTRUCTIVE: drops table public.workflows
DROP TABLE "public"."workflows";
-- DESTRUCTIVE: drops table public.agents
DROP TABLE "public"."agents";
