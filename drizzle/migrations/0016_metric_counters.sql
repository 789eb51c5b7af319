ALTER TABLE "workflow_runs" ADD COLUMN "executed_steps" integer;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "step_attempts" integer;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "step_attempts_ok" integer;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "event_received_at" timestamp with time zone;