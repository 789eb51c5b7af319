-- Every change to a run or a run step takes the next value of run_change_seq and is announced on the channel
-- ember_run_steps when its transaction commits. Doing it in triggers means no code path can change a status
-- without watchers hearing of it, and every announcement carries the sequence a reconnecting client resumes from.
GRANT USAGE, SELECT ON SEQUENCE run_change_seq TO ember_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ember_app;
--> statement-breakpoint
CREATE FUNCTION run_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('run_change_seq');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION run_step_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.attempts = OLD.attempts THEN
    RETURN NULL; -- a rewrite that changed nothing a watcher sees
  END IF;
  PERFORM pg_notify('ember_run_steps', json_build_object(
    'companyId', NEW.company_id, 'runId', NEW.run_id, 'stepId', NEW.step_id, 'status', NEW.status,
    'attempts', NEW.attempts, 'reason', NEW.status_reason, 'seq', NEW.change_seq)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION run_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('ember_run_steps', json_build_object(
    'companyId', NEW.company_id, 'runId', NEW.id, 'stepId', '', 'status', 'run', 'runStatus', NEW.status,
    'workflowId', NEW.workflow_id, 'seq', NEW.change_seq)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workflow_run_steps_bump BEFORE UPDATE ON workflow_run_steps FOR EACH ROW EXECUTE FUNCTION run_change_bump();
--> statement-breakpoint
CREATE TRIGGER workflow_runs_bump BEFORE UPDATE ON workflow_runs FOR EACH ROW EXECUTE FUNCTION run_change_bump();
--> statement-breakpoint
CREATE TRIGGER workflow_run_steps_announce AFTER INSERT OR UPDATE ON workflow_run_steps FOR EACH ROW EXECUTE FUNCTION run_step_announce();
--> statement-breakpoint
CREATE TRIGGER workflow_runs_announce AFTER INSERT OR UPDATE ON workflow_runs FOR EACH ROW EXECUTE FUNCTION run_announce();
