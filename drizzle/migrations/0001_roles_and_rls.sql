-- The application role: no login, no superuser, no BYPASSRLS. Every app transaction runs `SET LOCAL ROLE ember_app`,
-- so row-level security applies even when the pool connects as the database owner or a superuser.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ember_app') THEN
    CREATE ROLE ember_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  -- A non-superuser owner must be a member to SET ROLE; a superuser already may.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT ember_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ember_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ember_app;
--> statement-breakpoint
-- Identity tables are global (no company); the app may read users and manage sessions, never rewrite passwords.
REVOKE INSERT, UPDATE, DELETE ON users FROM ember_app;
--> statement-breakpoint
CREATE FUNCTION app_company_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.company_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_company_id(), app_user_id() TO ember_app;
--> statement-breakpoint
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE companies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A signed-in user sees the companies they belong to (for the switcher); writes need that company's context.
CREATE POLICY companies_read ON companies FOR SELECT TO ember_app
  USING (id = app_company_id() OR id IN (SELECT company_id FROM memberships WHERE user_id = app_user_id()));
--> statement-breakpoint
CREATE POLICY companies_insert ON companies FOR INSERT TO ember_app WITH CHECK (id = app_company_id());
--> statement-breakpoint
CREATE POLICY companies_write ON companies FOR UPDATE TO ember_app
  USING (id = app_company_id()) WITH CHECK (id = app_company_id());
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_read ON memberships FOR SELECT TO ember_app
  USING (company_id = app_company_id() OR user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY memberships_insert ON memberships FOR INSERT TO ember_app WITH CHECK (company_id = app_company_id());
--> statement-breakpoint
CREATE POLICY memberships_update ON memberships FOR UPDATE TO ember_app
  USING (company_id = app_company_id()) WITH CHECK (company_id = app_company_id());
--> statement-breakpoint
CREATE POLICY memberships_delete ON memberships FOR DELETE TO ember_app USING (company_id = app_company_id());
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['workflows','workflow_steps','workflow_edges','workflow_versions','workflow_audit_log',
                           'workflow_runs','workflow_run_steps','tasks']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO ember_app USING (company_id = app_company_id()) WITH CHECK (company_id = app_company_id())', t || '_tenant', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Published versions are immutable: the app may insert them, never change or delete them (deleting the workflow
-- cascades as the owner-side foreign key action).
REVOKE UPDATE ON workflow_versions FROM ember_app;
--> statement-breakpoint
REVOKE DELETE ON workflow_versions FROM ember_app;
--> statement-breakpoint
-- Tables added by later migrations get the same grants; each migration still enables and forces RLS itself.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ember_app;
