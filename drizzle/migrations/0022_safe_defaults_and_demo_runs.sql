ALTER TABLE "companies" ADD COLUMN "no_self_approval_default" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;