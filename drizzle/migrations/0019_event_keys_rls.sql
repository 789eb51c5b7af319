-- Event keys are tenant data: the same forced company policy as every tenant table.
ALTER TABLE event_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_keys_tenant ON event_keys FOR ALL TO ember_app
  USING (company_id = (SELECT app_company_id())) WITH CHECK (company_id = (SELECT app_company_id()));
--> statement-breakpoint
-- A key is revoked, never deleted, and its company, hash and prefix never change: the app may only stamp its use and
-- its revocation.
REVOKE UPDATE, DELETE ON event_keys FROM ember_app;
--> statement-breakpoint
GRANT UPDATE (last_used_at, revoked_at, revoked_by) ON event_keys TO ember_app;
--> statement-breakpoint
-- The ingress learns a key's company from the key itself, so it must find the key before there is a company context
-- (with none, RLS shows no row). Rather than reading event_keys, it calls this one function (on the owner pool, in
-- one statement; ember_app may call it too): given the SHA-256 of a presented key it returns that key's company and
-- id, only while the key is not revoked, and nothing else (no name, no other key, no way to list). SECURITY DEFINER
-- runs it as the migrating owner; a superuser owner bypasses RLS, and for an owner that is not one (FORCE applies to
-- owners too) the policy below lets exactly the row whose hash this function is looking up through, for the call.
CREATE FUNCTION ember_event_key_lookup(p_key_hash text) RETURNS TABLE (company_id uuid, key_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM set_config('app.event_key_lookup', p_key_hash, true);
  RETURN QUERY SELECT k.company_id, k.id FROM public.event_keys k WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL;
  PERFORM set_config('app.event_key_lookup', '', true);
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY event_keys_owner_lookup ON event_keys FOR SELECT TO %I USING (key_hash = nullif(current_setting(''app.event_key_lookup'', true), ''''))', current_user);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ember_event_key_lookup(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ember_event_key_lookup(text) TO ember_app;
