/**
 * The workflow list's run numbers: last run (status, time) and runs / failures over the last 7 days, per workflow,
 * exactly, on runs seeded straight into the tables relative to now(); another company's runs never counted; read
 * by every role of the company and no one else; and the same number of statements with 10 more workflows (no query
 * per row).
 */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../../drizzle/schema/index.ts';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const SLUG = 'copper-kettle';

describe.each(dbTargets())('workflows.list run numbers on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const ids = { busy: randomUUID(), idle: randomUUID(), other: randomUUID() };
  let A = '';

  async function workflow(id: string, company: string, name: string) {
    const { sql } = t.current.database;
    await sql`insert into workflows (id, company_id, name) values (${id}, ${company}, ${name})`;
    const graph = { steps: [{ id: 'trigger', kind: 'trigger', type: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } }], edges: [] };
    return (await sql`insert into workflow_versions (company_id, workflow_id, version, graph, trigger_config, source_revision)
      values (${company}, ${id}, 1, ${JSON.stringify(graph)}::jsonb, ${JSON.stringify({ type: 'manual' })}::jsonb, 1) returning id`)[0]!.id as string;
  }

  /** A run `hoursAgo` before now; finished an hour after it was created unless still going. */
  async function run(workflowId: string, versionId: string, company: string, status: string, hoursAgo: number) {
    const { sql } = t.current.database;
    const finished = ['completed', 'failed', 'cancelled'].includes(status);
    const id = randomUUID();
    await sql`insert into workflow_runs (id, company_id, workflow_id, workflow_version_id, status, trigger_type, trigger_ref, created_at, started_at, finished_at)
      values (${id}, ${company}, ${workflowId}, ${versionId}, ${status}, 'manual', ${id},
              now() - make_interval(hours => ${hoursAgo}), now() - make_interval(hours => ${hoursAgo}),
              ${finished ? sql`now() - make_interval(hours => ${hoursAgo - 1})` : null})`;
    return id;
  }

  let latestBusyRun = '';
  beforeAll(async () => {
    const { sql } = t.current.database;
    A = (await sql`select id from companies where slug = ${SLUG}`)[0]!.id;
    const B = (await sql`select id from companies where slug = 'bluewater'`)[0]!.id;
    const busy = await workflow(ids.busy, A, 'List numbers: busy');
    await workflow(ids.idle, A, 'List numbers: idle');
    const other = await workflow(ids.other, B, 'List numbers: other company');
    // Busy: two failures and a completion in the week, one failure 10 days ago (outside it), and a run going now.
    await run(ids.busy, busy, A, 'failed', 24 * 10);
    await run(ids.busy, busy, A, 'failed', 24 * 6);
    await run(ids.busy, busy, A, 'completed', 48);
    await run(ids.busy, busy, A, 'failed', 5);
    latestBusyRun = await run(ids.busy, busy, A, 'running', 1);
    for (let i = 0; i < 4; i++) await run(ids.other, other, B, 'failed', 2);
  });

  it('counts the last 7 days and names the last run, per workflow', async () => {
    const { caller } = await callerAs(t.current.database.db, 'priya@copperkettle.example');
    const list = await caller.workflows.list({ companySlug: SLUG });
    const busy = list.find((w) => w.id === ids.busy)!;
    expect(busy).toMatchObject({ runs7d: 4, failures7d: 2, lastRunId: latestBusyRun, lastRunStatus: 'running' });
    // The running run was created and started an hour ago, and has not finished.
    expect(Date.now() - Date.parse(busy.lastRunAt!)).toBeGreaterThan(55 * 60_000);
    expect(Date.now() - Date.parse(busy.lastRunAt!)).toBeLessThan(65 * 60_000);
    expect(list.find((w) => w.id === ids.idle)).toMatchObject({ runs7d: 0, failures7d: 0, lastRunId: null, lastRunStatus: null, lastRunAt: null });
    expect(list.find((w) => w.id === ids.other)).toBeUndefined();
  });

  it('answers every role of the company, and no one outside it', async () => {
    for (const email of ['hannah@copperkettle.example', 'dana@copperkettle.example', 'marcus@copperkettle.example']) {
      const { caller } = await callerAs(t.current.database.db, email);
      expect((await caller.workflows.list({ companySlug: SLUG })).find((w) => w.id === ids.busy)).toMatchObject({ runs7d: 4, failures7d: 2 });
    }
    const { caller: owen } = await callerAs(t.current.database.db, 'owen@bluewater.example');
    await expect(owen.workflows.list({ companySlug: SLUG })).rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) });
  });

  it('reads the list in as many statements with 10 more workflows (and runs) as without', async () => {
    const statements: string[] = [];
    const sql = postgres(t.current.url, { max: 1, onnotice: () => {}, debug: (_conn, query) => statements.push(query) });
    try {
      const { caller } = await callerAs(drizzle(sql, { schema }), 'priya@copperkettle.example');
      const count = async () => {
        statements.length = 0;
        const list = await caller.workflows.list({ companySlug: SLUG });
        return { n: statements.length, workflows: list.length };
      };
      const before = await count();
      for (let i = 0; i < 10; i++) {
        const id = randomUUID();
        const v = await workflow(id, A, `List numbers: extra ${i}`);
        await run(id, v, A, 'completed', 3);
      }
      const after = await count();
      expect(after.workflows).toBe(before.workflows + 10);
      expect(after.n).toBe(before.n);
      // Only one of them reads workflows; the rest are the transaction and its company scope.
      expect(statements.filter((q) => /from "workflows"/.test(q))).toHaveLength(1);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
