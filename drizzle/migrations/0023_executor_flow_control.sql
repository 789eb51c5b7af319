ALTER TABLE "ember_exec"."queue" ADD COLUMN "concurrency_key2" text;--> statement-breakpoint
ALTER TABLE "ember_exec"."queue" ADD COLUMN "concurrency_limit2" integer;--> statement-breakpoint
ALTER TABLE "ember_exec"."queue" ADD COLUMN "hold_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "concurrency_key2" text;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "concurrency_limit2" integer;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "singleton_key" text;--> statement-breakpoint
ALTER TABLE "ember_exec"."runs" ADD COLUMN "events" jsonb;--> statement-breakpoint
CREATE INDEX "queue_concurrency2_idx" ON "ember_exec"."queue" USING btree ("concurrency_key2","lease_until");--> statement-breakpoint
CREATE INDEX "runs_singleton_idx" ON "ember_exec"."runs" USING btree ("function_slug","singleton_key") WHERE status = 'running' and singleton_key is not null;