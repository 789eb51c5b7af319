-- Waits registered before pause keys existed are unkeyed: mark their event names so arriving events still look them up.
INSERT INTO "ember_exec"."pause_paths" ("event_name", "path")
SELECT DISTINCT "event_name", '' FROM "ember_exec"."pauses" WHERE "match_path" IS NULL
ON CONFLICT DO NOTHING;
