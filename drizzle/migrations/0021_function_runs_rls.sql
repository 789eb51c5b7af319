-- What the functions did, recorded by the app (0020, drizzle/schema/function-runs.ts). First the history the embedded
-- executor kept in its own schema, so the inspector, the metrics and reruns keep their past; then the access rules.
-- A run is a company's when its trigger event named one (data.companyId, or the original event's for an onFailure
-- handler); only runs that made a call are recorded (the observe middleware sees calls, not queued runs).
CREATE TEMPORARY TABLE exec_run_company AS
  SELECT r.id AS run_id, c.id AS company_id,
         CASE WHEN coalesce(r.event->'data'->>'workflowRunId', r.event->'data'->'event'->'data'->>'workflowRunId') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              THEN coalesce(r.event->'data'->>'workflowRunId', r.event->'data'->'event'->'data'->>'workflowRunId')::uuid END AS workflow_run_id
  FROM ember_exec.runs r
  LEFT JOIN companies c ON c.id::text = lower(coalesce(r.event->'data'->>'companyId', r.event->'data'->'event'->'data'->>'companyId'))
  WHERE r.first_step_at IS NOT NULL;
--> statement-breakpoint
CREATE TEMPORARY TABLE exec_run_rows AS
  SELECT x.company_id, x.workflow_run_id, r.id AS run_id, r.function_slug AS function_id, r.event->>'id' AS event_id, r.event->>'name' AS event_name,
         coalesce(r.event_received_at, e.received_at) AS event_received_at, r.created_at, r.first_step_at AS first_call_at,
         coalesce(r.ended_at, (SELECT max(a.ended_at) FROM ember_exec.attempts a WHERE a.run_id = r.id), r.first_step_at) AS last_call_at,
         CASE WHEN r.status IN ('completed', 'failed') THEN r.status ELSE 'running' END AS status,
         coalesce(r.step_attempts, (SELECT count(*) FROM ember_exec.attempts a WHERE a.run_id = r.id))::int AS attempts,
         coalesce(r.step_attempts_ok, (SELECT count(*) FROM ember_exec.attempts a WHERE a.run_id = r.id
           AND a.status < 300 AND a.outcome NOT LIKE '%StepError%' AND a.outcome NOT LIKE '%StepFailed%'))::int AS attempts_ok
  FROM ember_exec.runs r JOIN exec_run_company x ON x.run_id = r.id
  LEFT JOIN ember_exec.events e ON e.internal_id = r.event_internal_id;
--> statement-breakpoint
-- Each SDK call the executor made: a call that ran a step (StepRun/StepError/StepFailed among its ops) is that step's
-- attempt, under the step's own id; any other call is an attempt of the call itself (named after its one step, if
-- its answer was about only one), as the observe middleware records them.
CREATE TEMPORARY TABLE exec_attempt_rows AS
  SELECT x.company_id, a.run_id,
         CASE WHEN o.op IS NOT NULL THEN 's:' || o.id || ':' || a.attempt ELSE 'c:' || a.step_id || ':#' || a.id || ':' || a.attempt END AS call_key,
         CASE WHEN o.op IS NOT NULL THEN 'step' ELSE 'call' END AS kind,
         coalesce(o.name, (SELECT min(e.v->>'name') FROM jsonb_array_elements(coalesce(a.ops, '[]'::jsonb)) AS e(v)
                           HAVING count(DISTINCT e.v->>'name') = 1)) AS step_id, a.attempt,
         CASE WHEN a.status < 300 AND a.outcome NOT LIKE '%StepError%' AND a.outcome NOT LIKE '%StepFailed%' THEN 'ok'
              WHEN a.outcome LIKE '%StepFailed%' OR a.status = 400 THEN 'error' ELSE 'retry' END AS outcome,
         coalesce(o.op, a.outcome) AS detail, a.started_at,
         greatest(0, round(extract(epoch FROM a.ended_at - a.started_at) * 1000))::int AS duration_ms,
         left(coalesce(o.error, a.error)->>'name', 200) AS error_name, left(coalesce(o.error, a.error)->>'message', 1000) AS error_message
  FROM ember_exec.attempts a
  JOIN exec_run_company x ON x.run_id = a.run_id
  LEFT JOIN LATERAL (
    SELECT e.v->>'id' AS id, e.v->>'op' AS op, e.v->>'name' AS name, e.v->'error' AS error FROM jsonb_array_elements(coalesce(a.ops, '[]'::jsonb)) AS e(v)
    WHERE e.v->>'op' IN ('StepRun', 'StepError', 'StepFailed') LIMIT 1) o ON true;
--> statement-breakpoint
INSERT INTO function_runs (company_id, run_id, function_id, workflow_run_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok)
  SELECT company_id, run_id, function_id, workflow_run_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok
  FROM exec_run_rows WHERE company_id IS NOT NULL ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO system_function_runs (run_id, function_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok)
  SELECT run_id, function_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok
  FROM exec_run_rows WHERE company_id IS NULL ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO function_attempts (company_id, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message)
  SELECT company_id, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message
  FROM exec_attempt_rows WHERE company_id IS NOT NULL ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO system_function_attempts (run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message)
  SELECT run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message
  FROM exec_attempt_rows WHERE company_id IS NULL ON CONFLICT DO NOTHING;
--> statement-breakpoint
DROP TABLE exec_attempt_rows, exec_run_rows, exec_run_company;
--> statement-breakpoint
-- A rerun sends its original's trigger event name: kept on the run from now on, taken from the executor's copy of the
-- trigger for the runs before.
UPDATE workflow_runs w SET trigger_event_name = x.name
FROM (SELECT DISTINCT ON (event->'data'->>'workflowRunId') event->'data'->>'workflowRunId' AS run_id, event->'data'->'trigger'->>'type' AS name
      FROM ember_exec.runs
      WHERE function_slug = 'ember-workflows-workflow-executor' AND event->'data'->'trigger'->>'type' IS NOT NULL
      ORDER BY event->'data'->>'workflowRunId', created_at) x
WHERE x.run_id = w.id::text AND w.trigger_event_name IS NULL;
--> statement-breakpoint
-- A company's function runs and attempts are its tenant data: the same forced company policy as every tenant table.
ALTER TABLE function_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE function_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY function_runs_tenant ON function_runs FOR ALL TO ember_app
  USING (company_id = (SELECT app_company_id())) WITH CHECK (company_id = (SELECT app_company_id()));
--> statement-breakpoint
ALTER TABLE function_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE function_attempts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY function_attempts_tenant ON function_attempts FOR ALL TO ember_app
  USING (company_id = (SELECT app_company_id())) WITH CHECK (company_id = (SELECT app_company_id()));
--> statement-breakpoint
-- Attempts are a ledger the app appends to (on conflict do nothing), never rewrites; a run row's counters and status
-- are upserted, never deleted (a company's deletion cascades as the owner).
REVOKE UPDATE, DELETE ON function_attempts FROM ember_app;
--> statement-breakpoint
REVOKE DELETE ON function_runs FROM ember_app;
--> statement-breakpoint
-- Runs of no company are engine-level: written and read by the owner only (the recorder, the Prometheus exporter).
REVOKE ALL ON system_function_runs, system_function_attempts FROM ember_app;
