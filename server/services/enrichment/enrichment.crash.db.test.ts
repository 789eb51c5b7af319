// Enrichment under SIGKILL. A worker process (testing/enrichment-crash-worker.ts: the real functions on the real
// embedded executor, Claude pointed at this process's fake Messages API) works through one 50-product × 4-field job
// (200 Claude calls, each a durable step) and is killed with SIGKILL four times at moments picked by a seeded PRNG
// (reproduce with ENRICH_CRASH_SEED=<seed>, printed with the results), each time after a further share of the calls
// was answered; a new worker is started after each kill, and the last one finishes the job.
//
// Execution is at-least-once: a call whose answer arrived but whose step result was not yet recorded when the
// process died is asked again. So the bound is: a call answered more than once was in flight at a kill, and at most
// claude-agent-runner's per-company concurrency (4) calls are in flight at once — extra answers ≤ 4 × kills. Every
// write is idempotent: one ledger row per call, one suggestion per product × field, one history row per
// auto-approved value, one completion event.
//
// Named *.crash.db.test.ts: project crash (one file at a time), first target only.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { Executor } from '../../executor/executor.ts';
import { inProcessTransport } from '../../executor/transport.ts';
import { inngest } from '../../inngest/client.ts';
import { buildFunctions } from '../../inngest/functions/index.ts';
import { cloneDatabase, dbTargets } from '../../testing/db.ts';
import { startFakeAnthropic } from '../../testing/fake-anthropic.ts';
import { answerEnrichment, companyIds, fiftyCoffeeProducts, skuOf } from './testing/pipeline-harness.ts';

const WORKER = path.join(import.meta.dirname, 'testing/enrichment-crash-worker.ts');
const KILLS = 4;
const seed = Number(process.env.ENRICH_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Worker {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  readonly exit: Promise<number | null>;
  private err = '';
  constructor(dbUrl: string, claudeUrl: string, readonly name: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', WORKER, dbUrl, claudeUrl, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => void (this.err = (this.err + d).slice(-8000)));
    this.exit = new Promise((resolve) => this.proc.once('exit', resolve));
    this.ready = new Promise((resolve, reject) => {
      let out = '';
      this.proc.stdout!.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('READY\n')) resolve();
      });
      void this.exit.then((code) => reject(new Error(`${name} exited (${code}) before READY:\n${this.err}`)));
    });
  }
  async kill() {
    this.proc.kill('SIGKILL');
    await this.exit;
  }
  async terminate() {
    this.proc.kill('SIGTERM');
    await this.exit;
  }
}

const target = dbTargets()[0]!;

describe(`enrichment under SIGKILL on ${target.name} postgres`, () => {
  it('finishes a 50 × 4 job across four kills; repeated calls only where a kill interrupted them; every write once', async () => {
    const rand = prng(seed);
    const clone = await cloneDatabase(target, { seeded: true });
    const parent = connect(clone.url, { max: 4 });
    const fake = await startFakeAnthropic();
    const workers: Worker[] = [];
    try {
      const { id: companyId } = await companyIds(parent);
      const products = await fiftyCoffeeProducts(parent, companyId);
      expect(products).toHaveLength(50);
      answerEnrichment(fake, { extract: () => ({ roast_level: { value: 'dark', confidence: 0.7, evidence: [] } }) });

      // This process's executor only routes the upload event into Postgres (synced, never started).
      const executor = new Executor({ sql: parent.sql, transport: inProcessTransport({ client: inngest, functions: buildFunctions({ db: parent.db, log: () => {} }) }) });
      await executor.sync();
      await executor.send([{ id: 'upload-sigkill', name: 'product/uploaded', data: { companyId, productIds: products.map((p) => p.id), source: 'ui', uploadedBy: null, enrich: { fields: ['title', 'bullets', 'description', 'roast_level'] } } }]);

      const kills: number[] = [];
      for (let k = 0; k < KILLS; k++) {
        const w = new Worker(clone.url, fake.url, `enrich-${k}`);
        workers.push(w);
        await w.ready;
        // Kill after a further 15–45 answered calls.
        const at = fake.count() + 15 + Math.floor(rand() * 30);
        await expect.poll(() => fake.count(), { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(at);
        await w.kill();
        kills.push(fake.count());
      }
      const last = new Worker(clone.url, fake.url, 'enrich-last');
      workers.push(last);
      await last.ready;
      await expect
        .poll(async () => (await parent.db.execute<{ status: string }>(sql`select status from enrichment_jobs where job_key = 'event:upload-sigkill'`))[0]?.status, { timeout: 120_000, interval: 100 })
        .toBe('completed');

      const answered = new Map<string, number>();
      for (const r of fake.requests) answered.set(`${skuOf(r)}:${r.skill}`, (answered.get(`${skuOf(r)}:${r.skill}`) ?? 0) + 1);
      const extra = fake.count() - 200;
      console.log(JSON.stringify({ seed, kills, answered: fake.count(), repeatedCalls: [...answered].filter(([, n]) => n > 1) }));
      expect(answered.size).toBe(200);
      expect(extra).toBeLessThanOrEqual(4 * KILLS);

      const [job] = await parent.db.execute<{ id: string; stats: Record<string, number> }>(sql`select id, stats from enrichment_jobs where job_key = 'event:upload-sigkill'`);
      // A proposed value equal to the current one is no suggestion: products already at the 'dark' roast get none for it.
      const [dark] = await parent.db.execute<{ n: number }>(sql`
        select count(*)::int as n from product_values v where v.attribute_code = 'roast_level' and v.value = '{"option":"dark"}'::jsonb
          and v.product_id in (select product_id from enrichment_job_items where job_id = ${job!.id})`);
      const expected = 200 - dark!.n;
      expect(job!.stats).toMatchObject({ failed: 0, calls: 200, suggestions: expected, autoApproved: 50, pendingReview: expected - 50 });
      const [rows] = await parent.db.execute<{ ledger: number; items: number; suggestions: number; history: number; historyKeys: number }>(sql`
        select (select count(*)::int from agent_runs where correlation->>'jobId' = ${job!.id}::text and status = 'completed') as ledger,
               (select count(*)::int from enrichment_job_items where job_id = ${job!.id} and status = 'completed') as items,
               (select count(*)::int from enrichment_suggestions where job_id = ${job!.id}) as suggestions,
               (select count(*)::int from product_field_history where actor_type = 'enrichment' and actor_id = ${job!.id}::text) as history,
               (select count(distinct (product_id, attribute_code))::int from product_field_history where actor_type = 'enrichment' and actor_id = ${job!.id}::text) as "historyKeys"`);
      expect(rows).toEqual({ ledger: 200, items: 50, suggestions: expected, history: 50, historyKeys: 50 });
      await expect
        .poll(async () => (await parent.sql`select count(*)::int as n from ember_exec.events where name = 'enrichment/pipeline.completed' and data->>'jobId' = ${job!.id}`)[0]!.n, { timeout: 10_000 })
        .toBe(1);
    } finally {
      for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) await w.terminate();
      await fake.close();
      await parent.close();
      await clone.drop();
    }
  }, 300_000);
});
