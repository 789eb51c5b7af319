/**
 * Company isolation, table by table. Tenant tables are discovered from the catalog, so a new table with a
 * company_id is covered (and fails until it has fixture rows and forced RLS) without editing this file.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCompanyId } from '../demo/seed/seed.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { withCompany, withScope } from './tx.ts';

const A = demoCompanyId('copper-kettle');
const B = demoCompanyId('bluewater');

describe.each(dbTargets())('company isolation on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let tenantTables: string[] = [];

  beforeAll(async () => {
    const owner = t.current.database.sql;
    // Rows in every tenant table for both companies: runs, run steps, tasks and function runs are not part of the seed.
    for (const company of [A, B]) {
      const [v] = await owner`select v.id, v.workflow_id from workflow_versions v where v.company_id = ${company} limit 1`;
      const [run] = await owner`insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref)
        values (${company}, ${v!.workflow_id}, ${v!.id}, 'manual', ${`iso-${company}`}) returning id`;
      await owner`insert into workflow_run_steps (company_id, run_id, step_id, status) values (${company}, ${run!.id}, 'trigger', 'completed')`;
      const [gate] = await owner`insert into tasks (company_id, type, title, run_id, step_id) values (${company}, 'manual', 'isolation fixture', ${run!.id}, 'n1') returning id`;
      // An approval vote and a delegation (approval chains): two members of the company.
      const members = await owner`select user_id from memberships where company_id = ${company} order by user_id limit 2`;
      await owner`insert into gate_votes (company_id, task_id, level, user_id, cast_by, decision) values (${company}, ${gate!.id}, 0, ${members[0]!.user_id}, ${members[0]!.user_id}, 'approved')`;
      await owner`insert into approval_delegations (company_id, user_id, delegate_user_id, ends_at) values (${company}, ${members[0]!.user_id}, ${members[1]!.user_id}, now() + interval '1 day')`;
      const fnRun = `iso-fn-${company}`;
      await owner`insert into function_runs (company_id, run_id, function_id, workflow_run_id, created_at, first_call_at, last_call_at)
        values (${company}, ${fnRun}, 'ember-workflows-workflow-executor', ${run!.id}, now(), now(), now())`;
      await owner`insert into function_attempts (company_id, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms)
        values (${company}, ${fnRun}, 's:x:0', 'step', 'step:n1', 0, 'ok', 'StepRun', now(), 1)`;
      // The webhook outbox is written only when a company has a webhook; the seed has none.
      await owner`insert into webhook_deliveries (company_id, kind, task_id, payload, dedupe_key) values (${company}, 'decision_waiting', ${gate!.id}, ${'{"text":"isolation fixture","blocks":[]}'}::jsonb, 'isolation fixture')`;
      // Event keys are created by admins, not the seed.
      await owner`insert into event_keys (company_id, name, prefix, key_hash) values (${company}, 'isolation fixture', 'ek_live_fixtur', encode(sha256(${`key-${company}`}::bytea), 'hex'))`;
    }
    const rows = await owner<{ table_name: string }[]>`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.column_name = 'company_id' order by 1`;
    tenantTables = rows.map((r) => r.table_name);
  });

  it('finds the tenant tables', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['workflows', 'workflow_steps', 'workflow_edges', 'workflow_versions', 'workflow_runs', 'workflow_run_steps', 'tasks', 'workflow_audit_log', 'memberships']));
  });

  it('has RLS enabled and forced on every table with a company_id', async () => {
    const owner = t.current.database.sql;
    const rows = await owner<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)`;
    const unprotected = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname);
    expect(unprotected).toEqual([]);
    expect(rows.length).toBe(tenantTables.length);
  });

  it('the app role is neither superuser nor exempt from RLS', async () => {
    const [role] = await t.current.database.sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'ember_app'`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const who = await withScope(t.current.database.db, {}, (tx) => tx.execute<{ u: string }>(sql`select current_user as u`));
    expect(who[0]!.u).toBe('ember_app');
  });

  it('every tenant table has rows of both companies (so the checks below are not vacuous)', async () => {
    const owner = t.current.database.sql;
    for (const table of tenantTables) {
      const [counts] = await owner.unsafe(`select count(*) filter (where company_id = $1)::int a, count(*) filter (where company_id = $2)::int b from "${table}"`, [A, B]);
      expect({ table, a: counts!.a > 0, b: counts!.b > 0 }).toEqual({ table, a: true, b: true });
    }
  });

  it("as company A, B's rows cannot be read, updated or deleted", async () => {
    const { db, sql: owner } = t.current.database;
    for (const table of tenantTables) {
      const [before] = await owner.unsafe(`select count(*)::int n from "${table}" where company_id = $1`, [B]);
      const [ownA] = await owner.unsafe(`select count(*)::int n from "${table}" where company_id = $1`, [A]);
      // Each statement in its own transaction: a refused privilege (immutable tables) also counts as "changed nothing".
      const run = async (statement: string) => {
        try {
          const res = await withCompany(db, A, (tx) => tx.execute(sql.raw(statement)));
          return /^select/.test(statement) ? (res[0] as { n: number }).n : res.count;
        } catch (err) {
          if ((err as { cause?: { code?: string } }).cause?.code === '42501') return 0;
          throw err;
        }
      };
      const seen = {
        readB: await run(`select count(*)::int n from "${table}" where company_id = '${B}'`),
        readAll: await run(`select count(*)::int n from "${table}"`),
        updated: await run(`update "${table}" set company_id = company_id where company_id = '${B}'`),
        deleted: await run(`delete from "${table}" where company_id = '${B}'`),
      };
      expect({ table, ...seen }).toEqual({ table, readB: 0, readAll: ownA!.n, updated: 0, deleted: 0 });
      const [after] = await owner.unsafe(`select count(*)::int n from "${table}" where company_id = $1`, [B]);
      expect({ table, n: after!.n }).toEqual({ table, n: before!.n });
    }
  });

  it("as company A, inserting a row into B's tenancy is refused and writes nothing", async () => {
    const { db, sql: owner } = t.current.database;
    for (const table of tenantTables) {
      const [before] = await owner.unsafe(`select count(*)::int n from "${table}" where company_id = $1`, [B]);
      const [sample] = await owner.unsafe(`select row_to_json(x)::text j from "${table}" x where company_id = $1 limit 1`, [B]);
      // Copy one of B's rows (fresh id where there is one) and try to insert it while acting as A.
      const row = JSON.parse(sample!.j as string) as Record<string, unknown>;
      if (typeof row.id === 'string' && /^[0-9a-f-]{36}$/.test(row.id)) row.id = crypto.randomUUID();
      else if (typeof row.id === 'string') row.id = `${row.id}-x`;
      const attempt = withCompany(db, A, (tx) =>
        tx.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(row)}::json)`),
      );
      await expect(attempt, table).rejects.toMatchObject({ cause: expect.objectContaining({ code: '42501' }) });
      const [after] = await owner.unsafe(`select count(*)::int n from "${table}" where company_id = $1`, [B]);
      expect({ table, n: after!.n }).toEqual({ table, n: before!.n });
    }
  });

  it('with no company context, no tenant row is visible', async () => {
    const { db } = t.current.database;
    for (const table of [...tenantTables, 'companies']) {
      const rows = await withScope(db, {}, (tx) => tx.execute(sql.raw(`select count(*)::int n from "${table}"`)));
      expect({ table, n: rows[0]!.n }).toEqual({ table, n: 0 });
    }
  });

  it("A cannot see B's company row or move its own rows into B", async () => {
    const { db } = t.current.database;
    const res = await withCompany(db, A, (tx) => tx.execute(sql`select count(*)::int n from companies where id = ${B}`));
    expect(res[0]!.n).toBe(0);
    const move = withCompany(db, A, (tx) => tx.execute(sql`update workflows set company_id = ${B} where company_id = ${A}`));
    await expect(move).rejects.toMatchObject({ cause: expect.objectContaining({ code: '42501' }) });
  });
});
