-- Company isolation for the AI, asset and monitoring tables: the same forced policy as every other tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['agent_runs','enrichment_jobs','enrichment_job_items','enrichment_suggestions','enrichment_shadow_runs',
                           'enrichment_shadow_results','assets','asset_validations','asset_tags','retailer_spec_versions',
                           'spec_changes','pdp_snapshots','pdp_compliance','pdp_drift_findings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO ember_app USING (company_id = app_company_id()) WITH CHECK (company_id = app_company_id())', t || '_tenant', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Skills are platform code kept as data: the app reads them; only migrations and the seed (as owner) write them.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON claude_skills FROM ember_app;
--> statement-breakpoint
-- The call log is a ledger: rows are appended, never rewritten.
REVOKE UPDATE, DELETE ON agent_runs FROM ember_app;
