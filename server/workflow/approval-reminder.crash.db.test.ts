// Approval reminders under SIGKILL. A worker process (testing/workflow-crash-worker.ts: the real functions on the real
// embedded executor) runs gates whose level reminds at 25, 50 and 75% of its SLA and approves on timeout. The moment a
// reminder's audit entry commits (a NOTIFY from a test-only trigger, delivered on commit), the worker is SIGKILLed —
// after the reminder step's write, before or while the engine memoizes its result — and a new worker is started.
// Asserted: every run still completes (approved on timeout); each reminder is in the audit trail exactly once, in
// order; and every execution of a reminder's body is logged (a BEFORE INSERT trigger logs even an insert the dedupe
// key then turns into a no-op), so the log shows whether a body ran again after a kill and that it changed nothing;
// each approver's notifications (one per reminder, written in the reminder's commit) are there exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { connect } from '../db/client.ts';
import { Executor } from '../executor/executor.ts';
import { inProcessTransport } from '../executor/transport.ts';
import { inngest } from '../inngest/client.ts';
import { buildFunctions } from '../inngest/functions/index.ts';
import { callerAs } from '../testing/callers.ts';
import { cloneDatabase, dbTargets } from '../testing/db.ts';
import type { CatalogEvent } from '../../shared/events/index.ts';
import { SLUG } from './testing/harness.ts';

const WORKER = path.join(import.meta.dirname, 'testing/workflow-crash-worker.ts');
const RUNS = 3;
const KILLS = 4;

const GRAPH: Graph = (() => {
  const g = graph(
    [
      trig(),
      step('g', 'human_gate', 'human_gate', {
        instructions: 'Check it', timeout: '1h', onTimeout: 'approve', noSelfApproval: false,
        levels: [{ deciders: { role: 'approver' }, sla: '6s', remindAt: [25, 50, 75] }],
      }),
      step('done', 'transform', 'action', { mapping: { decision: 'steps.g.decision' } }),
    ],
    [edge('t', 'g'), edge('g', 'done', 'yes')],
  );
  return { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) };
})();

const INSTRUMENTS = `
create table reminder_exec_log (key text not null, at timestamptz not null default clock_timestamp());
create function reminder_exec_log() returns trigger language plpgsql security definer set search_path = public as $$
begin
  if new.action = 'gate_reminder' then
    insert into reminder_exec_log (key) values (new.dedupe_key);
    perform pg_notify('reminder_committed', new.dedupe_key);
  end if;
  return new;
end $$;
create trigger zz_reminder_exec_log before insert on workflow_audit_log for each row execute function reminder_exec_log();`;

class Worker {
  readonly proc: ChildProcess;
  readonly exit: Promise<number | null>;
  exited = false;
  private err = '';
  constructor(url: string, readonly name: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', WORKER, url, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => void (this.err = (this.err + d).slice(-8000)));
    this.exit = new Promise((resolve) => this.proc.once('exit', (code) => ((this.exited = true), resolve(code))));
  }
  async ready(): Promise<this> {
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} not READY after 60 s:\n${this.err}`)), 60_000);
      this.proc.stdout!.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('READY\n')) (clearTimeout(timer), resolve());
      });
      void this.exit.then((code) => (clearTimeout(timer), reject(new Error(`${this.name} exited (${code}):\n${this.err}`))));
    });
    return this;
  }
  async kill(): Promise<void> {
    this.proc.kill('SIGKILL');
    await this.exit;
  }
}

const [target] = dbTargets();

describe(`approval reminders survive SIGKILL on ${target?.name ?? 'no'} postgres`, () => {
  it(`${RUNS} gates reminding at 25/50/75% of the SLA, the worker SIGKILLed right after a reminder commits, ${KILLS} times`, async () => {
    const clone = await cloneDatabase(target!, { seeded: true });
    const sql = postgres(clone.url, { max: 4, onnotice: () => {} });
    const parent = connect(clone.url, { max: 6 });
    let current: Worker | null = null;
    try {
      await sql.unsafe(INSTRUMENTS);
      const functions = buildFunctions({ db: parent.db, log: () => {} });
      // This process's executor only writes events (and the runs they start) to Postgres; the worker runs them.
      const executor = new Executor({ sql: parent.sql, transport: inProcessTransport({ client: inngest, functions }) });
      await executor.sync();
      const send = async (events: CatalogEvent[]) => void (await executor.send(events));
      const editor = (await callerAs(parent.db, 'rachel@copperkettle.example', send)).caller;
      const wf = await editor.workflows.create({ companySlug: SLUG, name: 'Reminders under SIGKILL' });
      const saved = await editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: GRAPH });
      expect(saved.issues).toEqual([]);
      await editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });

      const committed: string[] = [];
      let wake: (() => void) | null = null;
      await sql.listen('reminder_committed', (key) => {
        committed.push(key);
        wake?.();
      });
      current = await new Worker(clone.url, 'rem-0').ready();
      const runIds: string[] = [];
      for (let i = 0; i < RUNS; i++) runIds.push((await editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { i } })).runId);

      let kills = 0;
      const deadline = Date.now() + 120_000;
      while (kills < KILLS && Date.now() < deadline) {
        const seen = committed.length;
        // Wait (bounded) for the next reminder to commit, then kill at once.
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (committed.length > seen) resolve();
          setTimeout(resolve, 15_000);
        });
        wake = null;
        if (committed.length === seen) break; // nothing more to remind of
        await current.kill();
        kills++;
        current = await new Worker(clone.url, `rem-${kills}`).ready();
      }
      expect(kills).toBeGreaterThanOrEqual(2);

      for (;;) {
        const [row] = await sql<{ open: number }[]>`select count(*)::int as open from workflow_runs where id = any(${runIds}::uuid[]) and status not in ('completed', 'failed', 'cancelled')`;
        if (row!.open === 0) break;
        if (Date.now() > deadline + 60_000) throw new Error(`${row!.open} runs still open`);
        await new Promise((r) => setTimeout(r, 100));
      }

      const runs = await sql<{ id: string; status: string; output: Record<string, unknown> | null }[]>`
        select r.id, r.status, s.output from workflow_runs r join workflow_run_steps s on s.run_id = r.id and s.step_id = 'g' where r.id = any(${runIds}::uuid[])`;
      for (const r of runs) {
        expect({ id: r.id, status: r.status }).toEqual({ id: r.id, status: 'completed' });
        expect(r.output).toMatchObject({ decision: 'approved', timedOut: true });
      }
      const tasks = await sql<{ id: string; run_id: string }[]>`select id, run_id from tasks where run_id = any(${runIds}::uuid[])`;
      expect(tasks).toHaveLength(RUNS);
      for (const t of tasks) {
        const entries = await sql<{ percent: number; dedupe_key: string }[]>`
          select (detail->>'percent')::int as percent, dedupe_key from workflow_audit_log where action = 'gate_reminder' and detail->>'taskId' = ${t.id} order by at, id`;
        // Each reminder once, in order, whatever the kills did.
        expect(entries.map((e) => e.percent)).toEqual([25, 50, 75]);
        const executions = await sql<{ key: string; n: number }[]>`select key, count(*)::int as n from reminder_exec_log where key like ${`gate:${t.id}:%`} group by key order by key`;
        expect(executions.map((e) => e.key)).toEqual([25, 50, 75].map((p) => `gate:${t.id}:remind:0:0:${p}`));
        for (const e of executions) expect(e.n).toBeGreaterThanOrEqual(1);
        // Each approver is told once of the decision and once per reminder: written in the reminder's own commit,
        // so a kill right after it loses none and a body run again adds none. (Only these kinds: the task escalator's
        // cron, firing on the minute, may also tell a manager of the overdue task.)
        const told = await sql<{ user_id: string; waiting: number; reminders: number }[]>`
          select user_id, count(*) filter (where kind = 'decision_waiting')::int as waiting, count(*) filter (where kind = 'reminder')::int as reminders
          from notifications where task_id = ${t.id} and kind in ('decision_waiting', 'reminder') group by user_id`;
        expect(told.length).toBeGreaterThan(0);
        for (const n of told) expect({ user: n.user_id, waiting: n.waiting, reminders: n.reminders }).toEqual({ user: n.user_id, waiting: 1, reminders: 3 });
      }
      // A body runs again only when a kill cut it off before the engine memoized it: at most once per kill.
      const [extra] = await sql<{ n: number }[]>`select (count(*) - count(distinct key))::int as n from reminder_exec_log`;
      expect(extra!.n).toBeLessThanOrEqual(kills);
    } finally {
      if (current && !current.exited) await current.kill();
      await sql.end();
      await parent.close();
      await clone.drop();
    }
  });
});
