CREATE TABLE "ember_exec"."pause_paths" (
	"event_name" text NOT NULL,
	"path" text NOT NULL,
	CONSTRAINT "pause_paths_event_name_path_pk" PRIMARY KEY("event_name","path")
);
--> statement-breakpoint
DROP INDEX "ember_exec"."pauses_event_idx";--> statement-breakpoint
ALTER TABLE "ember_exec"."pauses" ADD COLUMN "match_path" text;--> statement-breakpoint
ALTER TABLE "ember_exec"."pauses" ADD COLUMN "match_value" text;--> statement-breakpoint
ALTER TABLE "ember_exec"."pauses" ADD COLUMN "match_exact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "pauses_key_idx" ON "ember_exec"."pauses" USING btree ("event_name","match_path","match_value");--> statement-breakpoint
CREATE INDEX "pauses_unkeyed_idx" ON "ember_exec"."pauses" USING btree ("event_name") WHERE match_path is null;