/** The recorder of function calls: idempotent under replays, tenant rows under RLS, failures logged and contained. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCompany, withScope } from '../../db/tx.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { FunctionRunRecorder, type CallRecord } from './record.ts';

let A = '';
let B = '';
const T0 = Date.parse('2024-03-01T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

function call(runId: string, companyId: string | null, o: { step?: string; attempt?: number; outcome?: 'ok' | 'retry' | 'error'; status?: 'running' | 'completed' | 'failed'; from: number; to: number }): CallRecord {
  const step = o.step ?? null;
  return {
    run: { runId, functionId: 'ember-workflows-workflow-executor', companyId, workflowRunId: null, eventId: `ev-${runId}`, eventName: 'workflow/triggered', eventReceivedAt: at(0), status: o.status ?? 'running' },
    startedAt: at(o.from),
    endedAt: at(o.to),
    attempts: [{
      callKey: step ? `s:${step}:${o.attempt ?? 0}` : `c:step:9:${o.attempt ?? 0}`, kind: step ? 'step' : 'call', stepId: step, attempt: o.attempt ?? 0,
      outcome: o.outcome ?? 'ok', detail: step ? 'StepRun' : 'completed', startedAt: at(o.from), durationMs: o.to - o.from, errorName: null, errorMessage: null,
    }],
  };
}

describe.each(dbTargets())('recording function calls on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  beforeAll(async () => {
    const ids = await t.current.database.sql<{ slug: string; id: string }[]>`select slug, id from companies`;
    A = ids.find((c) => c.slug === 'copper-kettle')!.id;
    B = ids.find((c) => c.slug === 'bluewater')!.id;
  });

  it('records a call once however often it is replayed, and the counters are the rows', async () => {
    const { db, sql: owner } = t.current.database;
    const rec = new FunctionRunRecorder(db);
    const run = `r-${randomUUID()}`;
    const first = call(run, A, { step: 'h1', outcome: 'retry', from: 100, to: 150 });
    // Replays of the same call, concurrently (one batch) and later (another batch), write nothing more.
    await Promise.all([rec.record(first), rec.record(first), rec.record(call(run, A, { step: 'h1', attempt: 1, from: 300, to: 340 }))]);
    await rec.record(first);
    await rec.record(call(run, A, { status: 'completed', from: 400, to: 420 }));
    await rec.record({ ...first, startedAt: at(900), endedAt: at(950) }); // a late replay of a running call: still completed
    const [row] = await owner`select status, attempts, attempts_ok, created_at, first_call_at, last_call_at, event_received_at from function_runs where run_id = ${run}`;
    const ms = (k: string) => new Date(row![k] as string).getTime() - T0;
    expect({ ...row, created_at: ms('created_at'), first_call_at: ms('first_call_at'), last_call_at: ms('last_call_at'), event_received_at: ms('event_received_at') })
      .toEqual({ status: 'completed', attempts: 3, attempts_ok: 2, created_at: 0, first_call_at: 100, last_call_at: 950, event_received_at: 0 });
    const attempts = await owner`select call_key, outcome from function_attempts where run_id = ${run} order by started_at`;
    expect(attempts).toEqual([{ call_key: 's:h1:0', outcome: 'retry' }, { call_key: 's:h1:1', outcome: 'ok' }, { call_key: 'c:step:9:0', outcome: 'ok' }]);
  });

  it("a company's calls are its tenant rows; calls of no company are engine-level, out of the app's reach", async () => {
    const { db, sql: owner } = t.current.database;
    const rec = new FunctionRunRecorder(db);
    const [mine, sys] = [`r-${randomUUID()}`, `r-${randomUUID()}`];
    await Promise.all([rec.record(call(mine, A, { step: 'x', from: 0, to: 5 })), rec.record(call(sys, null, { step: 'y', from: 0, to: 5 }))]);
    const count = (company: string, table: string, run: string) =>
      withCompany(db, company, async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int n from ${sql.identifier(table)} where run_id = ${run}`))[0]!.n);
    expect([await count(A, 'function_runs', mine), await count(A, 'function_attempts', mine)]).toEqual([1, 1]);
    expect([await count(B, 'function_runs', mine), await count(B, 'function_attempts', mine)]).toEqual([0, 0]);
    expect((await owner`select count(*)::int n from system_function_attempts where run_id = ${sys}`)[0]!.n).toBe(1);
    for (const table of ['system_function_runs', 'system_function_attempts']) {
      await expect(withScope(db, {}, (tx) => tx.execute(sql`select 1 from ${sql.identifier(table)}`)), table).rejects.toMatchObject({ cause: expect.objectContaining({ code: '42501' }) });
    }
    // The app appends attempts, never rewrites them.
    await expect(withCompany(db, A, (tx) => tx.execute(sql`update function_attempts set outcome = 'ok' where run_id = ${mine}`))).rejects.toMatchObject({ cause: expect.objectContaining({ code: '42501' }) });
  });

  it('a write that fails is logged and dropped; the rest of the batch is written and nobody waits on an error', async () => {
    const { db, sql: owner } = t.current.database;
    const lines: string[] = [];
    const rec = new FunctionRunRecorder(db, (l) => lines.push(l));
    const [lost, kept] = [`r-${randomUUID()}`, `r-${randomUUID()}`];
    // A companyId that names no company (the event said so): its transaction fails on the foreign key.
    await expect(Promise.all([rec.record(call(lost, randomUUID(), { from: 0, to: 1 })), rec.record(call(kept, B, { from: 0, to: 1 }))])).resolves.toEqual([undefined, undefined]);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`could not record 1 call\\(s\\) of run\\(s\\) ${lost}`))]);
    expect((await owner`select run_id from function_runs where run_id in (${lost}, ${kept})`).map((r) => r.run_id)).toEqual([kept]);
  });
});
