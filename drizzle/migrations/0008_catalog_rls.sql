-- Company isolation for the catalog, channel, audit and work-routing tables: the same forced policy as every other
-- tenant table (0001). Grants come from the default privileges 0001 set up.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['categories','attributes','category_attributes','products','product_values','product_field_history',
                           'product_trigger_watermarks','import_batches','retailers','retailer_category_specs','listings',
                           'product_completeness','audits','audit_findings','assignment_rules','task_events','notifications']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO ember_app USING (company_id = app_company_id()) WITH CHECK (company_id = app_company_id())', t || '_tenant', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- History is an audit trail: the app appends to it and never rewrites it.
REVOKE UPDATE, DELETE ON product_field_history FROM ember_app;
