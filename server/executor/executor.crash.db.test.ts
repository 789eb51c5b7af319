// The executor's durability under SIGKILL. A worker process (testing/crash-worker.ts) drives ≥ 100 runs of a
// six-effect function (plus a sleep, a matched wait and a wait that times out) and is killed at random moments
// and restarted, again and again; then the same with two worker processes on one database, one of them killed
// repeatedly. Asserted from the database afterwards:
//   - every run completed, with exactly the output its input implies (a lost memo would change it);
//   - every op of every run is memoised once;
//   - no step body executed while its memo existed (each execution records whether it did);
//   - a step body ran more than once only when a killed process was running it (at-least-once, never more);
//   - sleeps and wait timeouts that came due while no process was alive fired after the restart;
//   - (two processes) no two executions of one step overlapped in time.
// The kill moments come from a seeded PRNG: reproduce with EXEC_CRASH_SEED=<seed> (printed with the results).
//
// Named *.db.test.ts so the db project's globalSetup provides the targets. To keep the file near 2-3 minutes on a
// 2-core machine, the single-process suite runs on the embedded target and the two-process one on the server
// target when TEST_DATABASE_URL is set (both on embedded otherwise); EXEC_CRASH_ALL_TARGETS=1 runs both everywhere.
import { isDeepStrictEqual } from 'node:util';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { connect } from '../db/client.ts';
import { sleep } from '../db/embedded-postgres-stale.ts';
import { cloneDatabase, dbTargets } from '../testing/db.ts';
import { prng, seedFrom } from '../../shared/random/prng.ts';
import type { DbTarget } from '../testing/targets.ts';
import { Executor } from './executor.ts';
import { hashStepId } from './ids.ts';
import { ALL_STEPS, CRASH_EFFECTS_TABLE, EFFECT_STEPS, buildCrashApp, expectedOutput, goValue, type CrashInput } from './testing/crash-worker.ts';
import { WorkerProcess } from './testing/worker-process.ts';
import { inProcessTransport } from './transport.ts';

const KILLS = Number(process.env.EXEC_CRASH_KILLS ?? 12);
const PAIR_KILLS = Number(process.env.EXEC_CRASH_PAIR_KILLS ?? 7);
/** Runs kept in flight (not yet terminal) whenever a kill may land. */
const IN_FLIGHT = 100;
const seed = seedFrom(process.env.EXEC_CRASH_SEED);

interface Scenario {
  url: string;
  /** Plain client for the assertions (Date timestamps, parsed jsonb). */
  sql: postgres.Sql;
  send: Executor['send'];
  close(): Promise<void>;
}

/**
 * A fresh database, plus an Executor in this process that is synced but never started: `send()` then stores and
 * routes events (and resumes waits) without this process ever processing queue items, also while no worker lives.
 */
async function openScenario(target: DbTarget): Promise<Scenario> {
  const clone = await cloneDatabase(target);
  const sql = postgres(clone.url, { max: 4, onnotice: () => {} });
  await sql.unsafe(CRASH_EFFECTS_TABLE);
  const parentDb = connect(clone.url, { max: 4 });
  const app = buildCrashApp({ databaseUrl: clone.url, worker: 'parent' });
  const executor = new Executor({ sql: parentDb.sql, transport: inProcessTransport({ client: app.inngest, functions: app.functions }) });
  await executor.sync();
  return {
    url: clone.url,
    sql,
    send: (events) => executor.send(events),
    close: async () => {
      await app.close();
      await parentDb.close();
      await sql.end({ timeout: 5 });
      await clone.drop();
    },
  };
}

/** Sends crash/start events so at least `target` runs are in flight; returns how many it sent. */
async function topUp(s: Scenario, inputs: Map<string, CrashInput>, target: number, rand: () => number): Promise<number> {
  const [row] = await s.sql<{ n: number }[]>`select count(*)::int n from ember_exec.runs where status = 'running'`;
  const missing = target - row!.n;
  if (missing <= 0) return 0;
  const events = Array.from({ length: missing }, () => {
    const n = inputs.size;
    const input: CrashInput = { key: `k${n}`, n, sleepMs: 300 + Math.floor(rand() * 500), workMs: Math.floor(rand() * 40) };
    inputs.set(input.key, input);
    return { name: 'crash/start', data: { ...input } };
  });
  await s.send(events);
  return missing;
}

/**
 * In the background, every 100 ms (whether or not a worker is alive): top the runs in flight up to `keep`, and
 * resume every run that has been at its `go` wait for 300 ms by sending its crash/go event. Each go event is sent
 * exactly once, each in its own `send()` and all of a pass at the same time, as independent clients would: an
 * event that resumed nothing (a lost wake-up) leaves its run waiting, and the drain then fails naming the pause.
 */
function driver(s: Scenario, inputs: Map<string, CrashInput>, keep: number, rand: () => number, isAlive: () => boolean) {
  let stopped = false;
  let failure: unknown = null;
  let whileDead = 0;
  const sent = new Set<string>();
  const loop = (async () => {
    while (!stopped) {
      try {
        await topUp(s, inputs, keep, rand);
        const waiting = (
          await s.sql<{ key: string; n: number }[]>`
            select r.event->'data'->>'key' as key, (r.event->'data'->>'n')::int as n
            from ember_exec.pauses p join ember_exec.runs r on r.id = p.run_id
            where p.event_name = 'crash/go' and p.created_at < now() - interval '300 milliseconds'`
        ).filter((w) => !sent.has(w.key));
        if (waiting.length) {
          const dead = !isAlive();
          for (const w of waiting) sent.add(w.key);
          await Promise.all(waiting.map((w) => s.send({ name: 'crash/go', data: { key: w.key, v: goValue(w.n) } })));
          if (dead) whileDead += waiting.length;
        }
      } catch (err) {
        failure = err;
        return;
      }
      await sleep(100);
    }
  })();
  return {
    get sentWhileDead() {
      return whileDead;
    },
    get sent() {
      return sent.size;
    },
    /** Stops topping up (the runs in flight then drain) but keeps resuming waits. */
    stopFeeding() {
      keep = 0;
    },
    async stop() {
      stopped = true;
      await loop;
      if (failure) throw failure;
    },
  };
}

async function runningCount(s: Scenario): Promise<number> {
  const [row] = await s.sql<{ n: number }[]>`select count(*)::int n from ember_exec.runs where status = 'running'`;
  return row!.n;
}

/** Bounded wait for every run to be terminal; fails with what is left in the queue. */
async function drain(s: Scenario, workers: WorkerProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await runningCount(s)) > 0) {
    for (const w of workers) expect(w.exited, `${w.name} exited on its own:\n${w.stderr}`).toBe(false);
    if (Date.now() > deadline) {
      const waits = await s.sql`select event_name, count(*)::int n from ember_exec.pauses group by 1`;
      const kinds = await s.sql`select kind, count(*)::int n, count(*) filter (where run_at <= now())::int due from ember_exec.queue group by 1`;
      const queue = await s.sql`select run_id, kind, step_id, attempt, run_at, lease_owner, lease_until from ember_exec.queue order by run_at limit 10`;
      throw new Error(
        `${await runningCount(s)} runs still running after ${timeoutMs} ms; waits by event: ${JSON.stringify(waits)}; ` +
          `queue by kind: ${JSON.stringify(kinds)}; first items: ${JSON.stringify(queue)}`,
      );
    }
    await sleep(200);
  }
}

interface Execution {
  id: number;
  runId: string;
  runKey: string;
  step: string;
  worker: string;
  memoExisted: boolean;
  at: Date;
  endedAt: Date | null;
}

/** The assertions shared by both scenarios; returns counts for the log line. */
async function verify(s: Scenario, inputs: Map<string, CrashInput>, killedAt: Map<string, number>) {
  // 1. Every run completed with the output its input implies.
  const runs = await s.sql<{ id: string; status: string; output: unknown; key: string }[]>`
    select id, status, output, event->'data'->>'key' as key from ember_exec.runs where function_slug like '%crash-chain'`;
  expect(runs.length).toBe(inputs.size);
  const notCompleted = runs.filter((r) => r.status !== 'completed');
  expect(notCompleted.map((r) => `${r.key}:${r.status}`), 'runs not completed').toEqual([]);
  const wrong = runs.filter((r) => !isDeepStrictEqual(r.output, expectedOutput(inputs.get(r.key)!, goValue(inputs.get(r.key)!.n))));
  expect(wrong.map((r) => ({ key: r.key, output: r.output, expected: expectedOutput(inputs.get(r.key)!, goValue(inputs.get(r.key)!.n)) })), 'runs with a wrong output').toEqual([]);

  // 2. Every op memoised, with the value the chain implies (nothing lost, nothing overwritten).
  const memos = await s.sql<{ runId: string; stepId: string; memo: { data?: unknown } | null }[]>`
    select run_id as "runId", step_id as "stepId", memo from ember_exec.steps`;
  const byRun = new Map<string, Map<string, unknown>>();
  for (const m of memos) {
    if (!byRun.has(m.runId)) byRun.set(m.runId, new Map());
    byRun.get(m.runId)!.set(m.stepId, m.memo);
  }
  const hashes = ALL_STEPS.map((id) => hashStepId(id)).sort();
  for (const r of runs) {
    const got = byRun.get(r.id) ?? new Map<string, unknown>();
    expect([...got.keys()].sort(), `memoised ops of ${r.key}`).toEqual(hashes);
    const want = expectedOutput(inputs.get(r.key)!, goValue(inputs.get(r.key)!.n));
    for (const step of EFFECT_STEPS) expect(got.get(hashStepId(step)), `memo of ${r.key}/${step}`).toEqual({ data: want[step] });
  }

  // 3. Executions: each effect step ran at least once, never once its memo existed, and more than once only after
  //    a kill interrupted an earlier execution.
  const execs = await s.sql<Execution[]>`
    select id::int, run_id as "runId", run_key as "runKey", step, worker, memo_existed as "memoExisted", at, ended_at as "endedAt"
    from crash_effects order by id`;
  expect(execs.filter((e) => e.memoExisted).map((e) => `${e.runKey}/${e.step} by ${e.worker}`), 'step bodies executed after their result was recorded').toEqual([]);
  const groups = new Map<string, Execution[]>();
  for (const e of execs) {
    const k = `${e.runId}/${e.step}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(e);
  }
  expect(groups.size).toBe(runs.length * EFFECT_STEPS.length);
  let duplicated = 0;
  let reexecutions = 0;
  const unexplained: string[] = [];
  const overlapping: string[] = [];
  for (const [k, list] of groups) {
    if (list.length === 1) continue;
    duplicated++;
    reexecutions += list.length - 1;
    // All but the last execution must have been cut short by a kill of the process running it.
    for (const e of list.slice(0, -1)) {
      if (!killedAt.has(e.worker)) unexplained.push(`${k}: execution ${e.id} by ${e.worker}, which was never killed`);
    }
    // No two executions of one step at the same time: an execution cut short ended, at the latest, when its process died.
    const spans = list.map((e) => ({ e, start: e.at.getTime(), end: e.endedAt?.getTime() ?? killedAt.get(e.worker) ?? Infinity }));
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        const a = spans[i]!, b = spans[j]!;
        if (a.start < b.end && b.start < a.end) overlapping.push(`${k}: ${a.e.worker}#${a.e.id} [${a.e.at.toISOString()}, ${a.end}] and ${b.e.worker}#${b.e.id} [${b.e.at.toISOString()}, ${b.end}]`);
      }
    }
  }
  expect(unexplained, 'steps that ran twice without a crash in between').toEqual([]);
  expect(overlapping, 'executions of one step that overlapped').toEqual([]);
  return { runs: runs.length, executions: execs.length, duplicated, reexecutions };
}

/** Sleeps and wait timeouts pending at a kill, and the time (DB clock) the next process was started. */
interface PendingTimer {
  runId: string;
  stepId: string;
  kind: string;
  runAt: Date;
}

async function pendingTimers(s: Scenario): Promise<PendingTimer[]> {
  return s.sql<PendingTimer[]>`
    select run_id as "runId", step_id as "stepId", kind, run_at as "runAt" from ember_exec.queue
    where kind in ('sleep', 'wait_timeout') and run_at > clock_timestamp()`;
}

/** What the aimed kills wait for, by cycle % 8: each timer kind gets three chances in the default 12 kills. */
const AIMS: (PendingKind | null)[] = [null, 'sleep', 'wait_timeout', null, 'go', 'sleep', 'wait_timeout', null];
type PendingKind = 'sleep' | 'wait_timeout' | 'go';

async function pendingOf(s: Scenario, kind: PendingKind): Promise<boolean> {
  const [row] =
    kind === 'go'
      ? await s.sql<{ n: number }[]>`select count(*)::int n from ember_exec.pauses where event_name = 'crash/go'`
      : await s.sql<{ n: number }[]>`select count(*)::int n from ember_exec.queue where kind = ${kind} and run_at > clock_timestamp() + interval '100 milliseconds'`;
  return row!.n > 0;
}

/** Polls `cond` every 20 ms until it holds or `timeoutMs` passes; returns whether it held. */
async function until(cond: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await cond()) return true;
    await sleep(20);
  }
  return false;
}

async function dbNow(s: Scenario): Promise<Date> {
  const [row] = await s.sql<{ now: Date }[]>`select clock_timestamp() as now`;
  return row!.now;
}

function pickTargets(): { solo: DbTarget[]; pair: DbTarget[] } {
  const all = dbTargets();
  if (process.env.EXEC_CRASH_ALL_TARGETS === '1') return { solo: all, pair: all };
  const embedded = all.filter((t) => t.name === 'embedded');
  const server = all.filter((t) => t.name === 'server');
  return { solo: embedded, pair: server.length ? server : embedded };
}

const { solo, pair } = pickTargets();

describe.each(solo)('executor survives SIGKILL on $name postgres', (target) => {
  it(`one worker process with ≥ ${IN_FLIGHT} runs in flight, SIGKILLed ${KILLS} times at random moments and restarted (seed ${seed})`, async () => {
    const rand = prng(seed);
    const s = await openScenario(target);
    const inputs = new Map<string, CrashInput>();
    const killedAt = new Map<string, number>();
    let current: WorkerProcess | null = null;
    const sender = driver(s, inputs, IN_FLIGHT + 30, prng(seed + 1), () => current !== null && !current.exited);
    const started = Date.now();
    const inFlightAtKill: number[] = [];
    const dueWhileDead: { timer: PendingTimer; restartedAt: Date }[] = [];
    try {
      for (let cycle = 1; cycle <= KILLS; cycle++) {
        current = await new WorkerProcess(s.url, `solo-${cycle}`).start();
        // The sleep picks the kill moment (some right after start, amid the first claims); not a synchronisation.
        await sleep(rand() < 0.15 ? Math.floor(rand() * 100) : 200 + Math.floor(rand() * 2300));
        // Five kills in eight land wherever that is. The other three wait (bounded) for a moment when a sleep, a wait
        // timeout or a go-wait (respectively) is pending, and their restart waits out the longest timer, so timers
        // surely come due, and waits are resumed, while nobody is alive.
        const aim = AIMS[cycle % AIMS.length];
        if (aim) await until(() => pendingOf(s, aim), 5_000);
        inFlightAtKill.push(await runningCount(s));
        await current.kill();
        killedAt.set(current.name, current.killedAt!);
        const pending = await pendingTimers(s);
        if (aim) await sleep(900);
        const restartedAt = await dbNow(s);
        for (const t of pending) if (t.runAt < restartedAt) dueWhileDead.push({ timer: t, restartedAt });
      }
      // The last restart: let it finish everything.
      sender.stopFeeding();
      current = await new WorkerProcess(s.url, 'solo-final').start();
      await drain(s, [current], 120_000);
      await sender.stop();
      await current.terminate();

      const result = await verify(s, inputs, killedAt);
      expect(Math.min(...inFlightAtKill), 'runs in flight at each kill').toBeGreaterThanOrEqual(IN_FLIGHT);

      // Timers that came due while no process was alive fired after the restart, and their runs completed.
      const fired = await s.sql<{ runId: string; stepId: string; at: Date }[]>`
        select run_id as "runId", step_id as "stepId", at from ember_exec.steps
        where (run_id, step_id) in (select * from unnest(${dueWhileDead.map((d) => d.timer.runId)}::text[], ${dueWhileDead.map((d) => d.timer.stepId)}::text[]))`;
      const firedAt = new Map(fired.map((f) => [`${f.runId}/${f.stepId}`, f.at]));
      const late = dueWhileDead.filter((d) => !(firedAt.get(`${d.timer.runId}/${d.timer.stepId}`)! >= d.restartedAt));
      expect(late.map((d) => `${d.timer.kind} ${d.timer.runId}/${d.timer.stepId}`), 'timers due while dead that did not fire after restart').toEqual([]);
      const sleeps = dueWhileDead.filter((d) => d.timer.kind === 'sleep').length;
      const timeouts = dueWhileDead.length - sleeps;
      expect(sleeps, 'sleeps that came due while the process was dead').toBeGreaterThan(0);
      expect(timeouts, 'wait timeouts that came due while the process was dead').toBeGreaterThan(0);
      expect(sender.sentWhileDead, 'waits resumed by an event while the process was dead').toBeGreaterThan(0);

      console.log(
        `executor crash suite (${target.name}, seed ${seed}): ${KILLS} SIGKILLs, ${result.runs} runs all completed correctly, ` +
          `in flight at kills min ${Math.min(...inFlightAtKill)} max ${Math.max(...inFlightAtKill)}; ${result.executions} step executions, ` +
          `${result.duplicated} steps re-ran after a kill (${result.reexecutions} extra executions, none after their memo existed); ` +
          `${sleeps} sleeps + ${timeouts} wait timeouts came due while dead and fired after restart; ${sender.sentWhileDead} waits resumed while dead; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await sender.stop().catch(() => {});
      await current?.terminate();
      await s.close();
    }
  }, 300_000);
});

describe.each(pair)('two executor processes on one $name database', (target) => {
  it(`one of two worker processes SIGKILLed ${PAIR_KILLS} times while the other keeps going (seed ${seed})`, async () => {
    const rand = prng(seed ^ 0x5bd1e995);
    const s = await openScenario(target);
    const inputs = new Map<string, CrashInput>();
    const killedAt = new Map<string, number>();
    const survivor = await new WorkerProcess(s.url, 'steady').start();
    let victim: WorkerProcess | null = null;
    const sender = driver(s, inputs, IN_FLIGHT + 30, prng(seed + 2), () => true);
    const started = Date.now();
    const inFlightAtKill: number[] = [];
    try {
      for (let cycle = 1; cycle <= PAIR_KILLS; cycle++) {
        victim = await new WorkerProcess(s.url, `victim-${cycle}`).start();
        const r = rand();
        await sleep(r < 0.15 ? Math.floor(rand() * 100) : 200 + Math.floor(rand() * 2300));
        inFlightAtKill.push(await runningCount(s));
        expect(survivor.exited, `the surviving worker exited:\n${survivor.stderr}`).toBe(false);
        await victim.kill();
        killedAt.set(victim.name, victim.killedAt!);
        await sleep(Math.floor(rand() * 600));
      }
      sender.stopFeeding();
      victim = await new WorkerProcess(s.url, 'victim-final').start();
      await drain(s, [survivor, victim], 120_000);
      await sender.stop();
      await Promise.all([victim.terminate(), survivor.terminate()]);

      const result = await verify(s, inputs, killedAt);
      expect(Math.min(...inFlightAtKill), 'runs in flight at each kill').toBeGreaterThanOrEqual(IN_FLIGHT);
      // Both processes did work, and the survivor took over steps a killed process had started.
      const [who] = await s.sql<{ steady: number; victims: number; takeovers: number }[]>`
        with e as (select *, row_number() over (partition by run_id, step order by id) as k from crash_effects)
        select count(*) filter (where worker = 'steady')::int as steady, count(*) filter (where worker <> 'steady')::int as victims,
               count(*) filter (where k > 1 and worker = 'steady')::int as takeovers from e`;
      expect(who!.steady).toBeGreaterThan(0);
      expect(who!.victims).toBeGreaterThan(0);
      console.log(
        `executor two-process crash suite (${target.name}, seed ${seed}): ${PAIR_KILLS} SIGKILLs of one of two processes, ${result.runs} runs all completed correctly, ` +
          `in flight at kills min ${Math.min(...inFlightAtKill)}; ${result.executions} step executions (${who!.steady} by the survivor, ${who!.victims} by the killed ones), ` +
          `${result.duplicated} steps re-ran after a kill (${who!.takeovers} re-runs by the survivor), none overlapping, none after their memo existed; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await sender.stop().catch(() => {});
      await victim?.terminate();
      await survivor.terminate();
      await s.close();
    }
  }, 300_000);
});
