-- The run history (workflow_run_step_events) is tenant data: the same forced company policy as every tenant table.
ALTER TABLE workflow_run_step_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflow_run_step_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workflow_run_step_events_tenant ON workflow_run_step_events FOR ALL TO ember_app
  USING (company_id = app_company_id()) WITH CHECK (company_id = app_company_id());
--> statement-breakpoint
-- A ledger: rows are appended by the triggers below, never rewritten (deleting a run cascades as the owner).
REVOKE UPDATE, DELETE ON workflow_run_step_events FROM ember_app;
--> statement-breakpoint
-- The triggers that number and announce every change (0006) now also record it, so no code path can change a
-- status without it being in the history a replay reads. Same filter: a rewrite a watcher would not see is not
-- recorded either. The row is written as whoever changed the step, so the tenant policy checks its company.
CREATE OR REPLACE FUNCTION run_step_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.attempts = OLD.attempts THEN
    RETURN NULL; -- a rewrite that changed nothing a watcher sees
  END IF;
  INSERT INTO workflow_run_step_events (run_id, seq, company_id, step_id, status, status_reason, attempts, at)
    VALUES (NEW.run_id, NEW.change_seq, NEW.company_id, NEW.step_id, NEW.status::text, NEW.status_reason, NEW.attempts, clock_timestamp())
    ON CONFLICT DO NOTHING;
  PERFORM pg_notify('ember_run_steps', json_build_object(
    'companyId', NEW.company_id, 'runId', NEW.run_id, 'stepId', NEW.step_id, 'status', NEW.status,
    'attempts', NEW.attempts, 'reason', NEW.status_reason, 'seq', NEW.change_seq)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION run_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
    RETURN NULL;
  END IF;
  INSERT INTO workflow_run_step_events (run_id, seq, company_id, step_id, status, status_reason, attempts, at)
    VALUES (NEW.id, NEW.change_seq, NEW.company_id, '', NEW.status::text, NULL, 0, clock_timestamp())
    ON CONFLICT DO NOTHING;
  PERFORM pg_notify('ember_run_steps', json_build_object(
    'companyId', NEW.company_id, 'runId', NEW.id, 'stepId', '', 'status', 'run', 'runStatus', NEW.status,
    'workflowId', NEW.workflow_id, 'seq', NEW.change_seq)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Runs from before the history existed replay as their current state, stamped when it was last written.
INSERT INTO workflow_run_step_events (run_id, seq, company_id, step_id, status, status_reason, attempts, at)
  SELECT run_id, change_seq, company_id, step_id, status::text, status_reason, attempts, updated_at FROM workflow_run_steps
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO workflow_run_step_events (run_id, seq, company_id, step_id, status, status_reason, attempts, at)
  SELECT id, change_seq, company_id, '', status::text, NULL, 0, coalesce(finished_at, started_at, created_at) FROM workflow_runs
  ON CONFLICT DO NOTHING;
