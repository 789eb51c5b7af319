CREATE TABLE "function_attempts" (
	"company_id" uuid NOT NULL,
	"run_id" text NOT NULL,
	"call_key" text NOT NULL,
	"kind" text NOT NULL,
	"step_id" text,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"detail" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"error_name" text,
	"error_message" text,
	CONSTRAINT "function_attempts_run_id_call_key_pk" PRIMARY KEY("run_id","call_key")
);
--> statement-breakpoint
CREATE TABLE "function_runs" (
	"company_id" uuid NOT NULL,
	"run_id" text PRIMARY KEY NOT NULL,
	"function_id" text NOT NULL,
	"event_id" text,
	"event_name" text,
	"event_received_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"first_call_at" timestamp with time zone NOT NULL,
	"last_call_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"attempts_ok" integer DEFAULT 0 NOT NULL,
	"workflow_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "system_function_attempts" (
	"run_id" text NOT NULL,
	"call_key" text NOT NULL,
	"kind" text NOT NULL,
	"step_id" text,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"detail" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"error_name" text,
	"error_message" text,
	CONSTRAINT "system_function_attempts_run_id_call_key_pk" PRIMARY KEY("run_id","call_key")
);
--> statement-breakpoint
CREATE TABLE "system_function_runs" (
	"run_id" text PRIMARY KEY NOT NULL,
	"function_id" text NOT NULL,
	"event_id" text,
	"event_name" text,
	"event_received_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"first_call_at" timestamp with time zone NOT NULL,
	"last_call_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"attempts_ok" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "trigger_event_name" text;--> statement-breakpoint
ALTER TABLE "function_attempts" ADD CONSTRAINT "function_attempts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_runs" ADD CONSTRAINT "function_runs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "function_runs_company_created_idx" ON "function_runs" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "function_runs_workflow_run_idx" ON "function_runs" USING btree ("workflow_run_id");--> statement-breakpoint
CREATE INDEX "system_function_runs_fn_idx" ON "system_function_runs" USING btree ("function_id","status");