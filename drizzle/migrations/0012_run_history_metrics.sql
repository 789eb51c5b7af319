CREATE TABLE "workflow_run_step_events" (
	"run_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"company_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_run_step_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
ALTER TABLE "workflow_run_step_events" ADD CONSTRAINT "workflow_run_step_events_run_id_company_id_workflow_runs_id_company_id_fk" FOREIGN KEY ("run_id","company_id") REFERENCES "public"."workflow_runs"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_run_steps_run_status_idx" ON "workflow_run_steps" USING btree ("run_id","status");--> statement-breakpoint
CREATE INDEX "runs_company_created_idx" ON "ember_exec"."runs" USING btree (("event"->'data'->>'companyId'),"created_at");