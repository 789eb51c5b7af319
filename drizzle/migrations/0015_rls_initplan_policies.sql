-- The tenant policy `company_id = app_company_id()` is evaluated for every row a query reads: current_setting plus a
-- text→uuid cast per row, about a second per million rows on a small machine, which dominated the metrics queries
-- (server/services/metrics/, bench/metrics.ts). Wrapped in a scalar subquery the planner evaluates it once per query
-- (an InitPlan) and can use it as an index condition. Same rows visible, same rows writable: only the evaluation
-- changes. Applied to the tables the run metrics scan in bulk.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['workflows','workflow_audit_log','workflow_runs','workflow_run_steps','tasks','workflow_run_step_events']
  LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (company_id = (SELECT app_company_id())) WITH CHECK (company_id = (SELECT app_company_id()))', t || '_tenant', t);
  END LOOP;
END $$;
