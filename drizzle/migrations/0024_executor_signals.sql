CREATE TABLE "ember_exec"."signals" (
	"signal" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"timeout_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "signals_run_step_uq" ON "ember_exec"."signals" USING btree ("run_id","step_id");