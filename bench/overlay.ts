/**
 * `npm run bench:overlay`: how long from a run-step status change committed on the server to the step's node
 * showing it in the browser. Boots the whole app (production client build, embedded Postgres), opens run views in
 * Debian's chromium, commits step status changes straight into workflow_run_steps (the path every engine write
 * takes: database trigger → pg_notify → the process's LISTEN → runs.watch over SSE → one store update per frame →
 * the node re-renders), and times each one until the page has painted it: a MutationObserver sees the node's
 * status attribute change and a message posted from there runs after that frame's rendering.
 * Two scenarios: one run watched, and 20 runs active at once, each watched in its own page.
 * Last line: {"runs_1":{"status_to_paint_ms":{"p50","p95"}},"runs_20":{"status_to_paint_ms":{"p50","p95"}}}
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { build } from 'vite';
import { launchBrowser } from '../e2e/browser.ts';
import { bootApp } from '../server/boot.ts';
import { parseEnv } from '../server/env.ts';
import type { Graph } from '../shared/graph/schema.ts';
import { percentile } from './stats.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const STEPS = Number(process.env.BENCH_STEPS ?? 12);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 240);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 30);
const SLUG = 'copper-kettle';

interface Paint {
  id: string;
  status: string;
  dom: number;
  paint: number;
}

/** Installed in every page before the app loads: records each node status change with its DOM and paint times. */
function recorder() {
  const w = window as unknown as { __paints: Paint[] };
  w.__paints = [];
  const pending: Paint[] = [];
  const channel = new MessageChannel();
  // A message posted while a frame is being produced is handled after that frame's rendering: the paint time.
  channel.port1.onmessage = () => {
    const paint = Date.now();
    for (const p of pending.splice(0)) w.__paints.push({ ...p, paint });
  };
  new MutationObserver((mutations) => {
    const dom = Date.now();
    for (const m of mutations) {
      const el = m.target as Element;
      const id = el.getAttribute('data-testid')?.slice('node-'.length);
      const status = el.getAttribute('data-step-status');
      if (id && status) pending.push({ id, status, dom, paint: 0 });
    }
    if (pending.length) channel.port2.postMessage(0);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-step-status'] });
}

function benchGraph(): Graph {
  const steps: Graph['steps'] = [{ id: 'trigger', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } }];
  const edges: Graph['edges'] = [];
  for (let i = 0; i < STEPS; i++) {
    const id = `s${i}`;
    steps.push({ id, type: 'action', kind: 'transform', name: `Step ${i + 1}`, config: { mapping: { n: String(i) } }, position: { x: 320 * (1 + Math.floor(i / 4)), y: 130 * (i % 4) - 200 } });
    edges.push({ id: `e-${id}`, source: i < 4 ? 'trigger' : `s${i - 4}`, target: id, label: null });
  }
  return { steps, edges };
}

async function api<T>(ctx: BrowserContext, proc: string, input: unknown): Promise<T> {
  const res = await ctx.request.post(`/trpc/${proc}`, { data: input as object });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok() || !body.result) throw new Error(`${proc}: ${body.error?.message ?? res.status()}`);
  return body.result.data;
}

async function main() {
  const workDir = path.join(REPO, '.data', `bench-overlay-${randomBytes(4).toString('hex')}`);
  const distDir = path.join(workDir, 'dist');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.join(REPO, 'vite.config.ts'), root: path.join(REPO, 'client'), mode: 'production', logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  const app = await bootApp(parseEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1', EMBER_DATA_DIR: path.join(workDir, 'db'), EMBER_STATIC_DIR: distDir, DATABASE_URL: '' }), () => {});
  const baseURL = `http://127.0.0.1:${app.port}`;
  const sql = postgres(app.databaseUrl, { max: 4, onnotice: () => {} });
  const browser = await launchBrowser();
  try {
    const ctx = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    await api(ctx, 'auth.signIn', { email: 'priya@copperkettle.example', password: 'ember-demo' });
    const wf = await api<{ id: string; revision: number }>(ctx, 'workflows.create', { companySlug: SLUG, name: 'Overlay bench' });
    const saved = await api<{ revision: number; issues: unknown[] }>(ctx, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: benchGraph() });
    if (saved.issues.length) throw new Error(`bench graph has issues: ${JSON.stringify(saved.issues)}`);
    await api(ctx, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });

    const results: Record<string, { status_to_paint_ms: { p50: number; p95: number } }> = {};
    for (const runs of [1, 20]) {
      const { latencies, missed, domToPaint } = await scenario(browser, baseURL, sql, wf.id, runs);
      if (missed > 0) console.log(`runs_${runs}: ${missed} of ${CHANGES} changes never showed`);
      console.log(
        `runs_${runs}: ${latencies.length} changes, status→paint p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${percentile(latencies, 100)} ms (DOM→paint p50 ${percentile(domToPaint, 50)} ms)`,
      );
      results[`runs_${runs}`] = { status_to_paint_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) } };
    }
    console.log(JSON.stringify(results));
  } finally {
    await browser.close();
    await sql.end({ timeout: 5 });
    await app.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function scenario(browser: Browser, baseURL: string, sql: postgres.Sql, workflowId: string, runCount: number) {
  const [wf] = await sql<{ company_id: string; published_version_id: string }[]>`select company_id, published_version_id from workflows where id = ${workflowId}`;
  const stepIds = Array.from({ length: STEPS }, (_, i) => `s${i}`);
  const runIds: string[] = [];
  for (let r = 0; r < runCount; r++) {
    const [run] = await sql<{ id: string }[]>`
      insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref, status, started_at)
      values (${wf!.company_id}, ${workflowId}, ${wf!.published_version_id}, 'manual', ${`bench:${randomUUID()}`}, 'running', now()) returning id`;
    runIds.push(run!.id);
    await sql`insert into workflow_run_steps (company_id, run_id, step_id, status) select ${wf!.company_id}, ${run!.id}, s, 'pending' from unnest(${sql.array(['trigger', ...stepIds])}::text[]) s`;
  }
  // One browser context per watcher, as for different people: a browser allows only 6 connections per origin
  // (HTTP/1.1), and every open run view holds one for its live stream.
  const pages: Page[] = [];
  const contexts: BrowserContext[] = [];
  for (const runId of runIds) {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    await context.addInitScript(recorder);
    await api(context, 'auth.signIn', { email: 'priya@copperkettle.example', password: 'ember-demo' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}/runs/${runId}`);
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="node-s${STEPS - 1}"]`).waitFor({ timeout: 30_000 });
    pages.push(page);
  }
  await new Promise((r) => setTimeout(r, 500));

  const state = new Map<string, string>();
  const changes: { run: number; step: string; status: string; at: number }[] = [];
  const t0 = Date.now();
  for (let k = 0; k < CHANGES; k++) {
    const run = k % runCount;
    const step = stepIds[Math.floor(k / runCount) % STEPS]!;
    const key = `${run}/${step}`;
    const status = state.get(key) === 'running' ? 'completed' : 'running';
    state.set(key, status);
    const at = Date.now();
    await sql`update workflow_run_steps set status = ${status}, attempts = attempts + 1, updated_at = now() where run_id = ${runIds[run]!} and step_id = ${step}`;
    changes.push({ run, step, status, at });
    const next = t0 + (k + 1) * INTERVAL_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await new Promise((r) => setTimeout(r, 2000));

  const painted = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __paints: Paint[] }).__paints)));
  const used = painted.map(() => new Set<number>());
  const latencies: number[] = [];
  const domToPaint: number[] = [];
  let missed = 0;
  for (const c of changes) {
    const list = painted[c.run]!;
    const i = list.findIndex((p, idx) => !used[c.run]!.has(idx) && p.id === c.step && p.status === c.status && p.paint >= c.at);
    if (i < 0) {
      missed++;
      continue;
    }
    used[c.run]!.add(i);
    latencies.push(list[i]!.paint - c.at);
    domToPaint.push(list[i]!.paint - list[i]!.dom);
  }
  for (const c of contexts) await c.close();
  await sql`update workflow_runs set status = 'completed', finished_at = now() where id in ${sql(runIds)}`;
  return { latencies, missed, domToPaint };
}

await main();
