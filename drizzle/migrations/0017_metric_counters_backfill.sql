-- Fill the metric counters for runs that existed before them (0016). New runs get them from the executor and the
-- workflow engine as they go.
UPDATE ember_exec.runs r SET step_attempts = a.n, step_attempts_ok = a.ok
FROM (SELECT run_id, count(*)::int AS n,
             (count(*) FILTER (WHERE status < 300 AND outcome NOT LIKE '%StepError%' AND outcome NOT LIKE '%StepFailed%'))::int AS ok
      FROM ember_exec.attempts GROUP BY run_id) a
WHERE a.run_id = r.id;
--> statement-breakpoint
UPDATE ember_exec.runs SET step_attempts = 0, step_attempts_ok = 0 WHERE step_attempts IS NULL;
--> statement-breakpoint
UPDATE ember_exec.runs r SET event_received_at = e.received_at FROM ember_exec.events e WHERE e.internal_id = r.event_internal_id;
--> statement-breakpoint
UPDATE workflow_runs r SET executed_steps = (SELECT count(*) FROM workflow_run_steps s WHERE s.run_id = r.id AND s.status IN ('running', 'completed', 'failed'))
WHERE r.status IN ('completed', 'failed', 'cancelled');
