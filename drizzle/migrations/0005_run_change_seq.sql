CREATE SEQUENCE "public"."run_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "workflow_run_steps" ADD COLUMN "change_seq" bigint DEFAULT nextval('run_change_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "change_seq" bigint DEFAULT nextval('run_change_seq') NOT NULL;--> statement-breakpoint
CREATE INDEX "workflow_run_steps_change_idx" ON "workflow_run_steps" USING btree ("run_id","change_seq");--> statement-breakpoint
CREATE INDEX "workflow_runs_change_idx" ON "workflow_runs" USING btree ("company_id","change_seq");