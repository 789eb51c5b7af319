CREATE TABLE "approval_delegations" (
	"company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"delegate_user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_delegations_company_id_user_id_pk" PRIMARY KEY("company_id","user_id"),
	CONSTRAINT "approval_delegations_other_ck" CHECK ("approval_delegations"."user_id" <> "approval_delegations"."delegate_user_id"),
	CONSTRAINT "approval_delegations_period_ck" CHECK ("approval_delegations"."ends_at" > "approval_delegations"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "gate_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"cast_by" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gate_votes_task_level_user_uq" UNIQUE("task_id","level","user_id"),
	CONSTRAINT "gate_votes_decision_ck" CHECK ("gate_votes"."decision" in ('approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "workflow_audit_log" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "gate_chain" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "gate_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "gate_escalated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "gate_period_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_delegate_user_id_users_id_fk" FOREIGN KEY ("delegate_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_votes" ADD CONSTRAINT "gate_votes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_votes" ADD CONSTRAINT "gate_votes_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_votes" ADD CONSTRAINT "gate_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_votes" ADD CONSTRAINT "gate_votes_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_delegations_delegate_idx" ON "approval_delegations" USING btree ("company_id","delegate_user_id");--> statement-breakpoint
CREATE INDEX "gate_votes_company_idx" ON "gate_votes" USING btree ("company_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_audit_log_dedupe_uq" ON "workflow_audit_log" USING btree ("company_id","dedupe_key") WHERE dedupe_key is not null;--> statement-breakpoint
-- Votes and delegations are tenant data: the same forced company policy as every tenant table.
ALTER TABLE gate_votes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE gate_votes FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY gate_votes_tenant ON gate_votes FOR ALL TO ember_app
  USING (company_id = (SELECT app_company_id())) WITH CHECK (company_id = (SELECT app_company_id()));--> statement-breakpoint
-- A vote is a record: once cast it is never changed or removed by the app.
REVOKE UPDATE, DELETE ON gate_votes FROM ember_app;--> statement-breakpoint
ALTER TABLE approval_delegations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE approval_delegations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY approval_delegations_tenant ON approval_delegations FOR ALL TO ember_app
  USING (company_id = (SELECT app_company_id())) WITH CHECK (company_id = (SELECT app_company_id()));
