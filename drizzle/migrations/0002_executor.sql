CREATE SCHEMA "ember_exec";
--> statement-breakpoint
CREATE TABLE "ember_exec"."attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" integer NOT NULL,
	"outcome" text NOT NULL,
	"ops" jsonb,
	"error" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."events" (
	"internal_id" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"user" jsonb,
	"ts" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."functions" (
	"slug" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"config" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."keys" (
	"function_slug" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"run_id" text,
	"event" jsonb,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "keys_function_slug_kind_key_pk" PRIMARY KEY("function_slug","kind","key")
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."pauses" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"event_name" text NOT NULL,
	"expression" text,
	"timeout_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pauses_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"step_id" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"concurrency_key" text,
	"concurrency_limit" integer,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."runs" (
	"id" text PRIMARY KEY NOT NULL,
	"function_slug" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"event" jsonb NOT NULL,
	"event_internal_id" bigint,
	"output" jsonb,
	"error" jsonb,
	"request_version" integer DEFAULT -1 NOT NULL,
	"disable_immediate" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"parent_run_id" text,
	"parent_step_id" text,
	"concurrency_key" text,
	"concurrency_limit" integer,
	"rate_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_step_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."schedules" (
	"function_slug" text NOT NULL,
	"cron" text NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "schedules_function_slug_cron_pk" PRIMARY KEY("function_slug","cron")
);
--> statement-breakpoint
CREATE TABLE "ember_exec"."steps" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"name" text,
	"op" text NOT NULL,
	"memo" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
CREATE INDEX "attempts_run_idx" ON "ember_exec"."attempts" USING btree ("run_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_id_uq" ON "ember_exec"."events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "events_name_idx" ON "ember_exec"."events" USING btree ("name","received_at");--> statement-breakpoint
CREATE INDEX "pauses_event_idx" ON "ember_exec"."pauses" USING btree ("event_name");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_item_uq" ON "ember_exec"."queue" USING btree ("run_id","kind","step_id");--> statement-breakpoint
CREATE INDEX "queue_due_idx" ON "ember_exec"."queue" USING btree ("run_at");--> statement-breakpoint
CREATE INDEX "queue_concurrency_idx" ON "ember_exec"."queue" USING btree ("concurrency_key","lease_until");--> statement-breakpoint
CREATE INDEX "runs_fn_status_idx" ON "ember_exec"."runs" USING btree ("function_slug","status");--> statement-breakpoint
CREATE INDEX "runs_rate_idx" ON "ember_exec"."runs" USING btree ("function_slug","rate_key","created_at");--> statement-breakpoint
CREATE INDEX "runs_parent_idx" ON "ember_exec"."runs" USING btree ("parent_run_id");--> statement-breakpoint
CREATE INDEX "steps_run_seq_idx" ON "ember_exec"."steps" USING btree ("run_id","seq");