/**
 * `npm run bench:canvas`: the canvas editor in headless Chromium on generated workflows of 100 and 500 steps.
 *
 * Boots the whole app on a throwaway embedded Postgres (as the e2e run does), builds the client, creates each
 * workflow through the API (a 500-step graph is over MAX_STEPS, so it has a validation issue, but a draft only has
 * to be well-formed to save), then measures in the page:
 * - render_ms: from navigation start (performance.now() is relative to it) to the first frame where every step has
 *   been rendered and measured by React Flow (the canvas's data-rendered); the median of RENDER_RUNS loads.
 * - drag_frame_ms: the gaps between requestAnimationFrame timestamps while a node is dragged for 60 frames, one
 *   mouse move per frame (dispatched in the page, so no round trip to the driver sits between frames), snap to
 *   grid off so that every frame moves it. p50/p95 over ROUNDS such drags.
 * - pan_frame_ms: the same while the canvas pans, one wheel event per frame (the canvas pans on scroll).
 *
 * Frames are uncapped (--disable-frame-rate-limit, --disable-gpu-vsync): at a vsync-locked 60 Hz every gap would be
 * 16.7 ms or a multiple, whatever the work. Uncapped, a gap is the time the frame took: input, React, layout, paint.
 * Gaps are wall time, so a loaded machine inflates them; stderr also gives the CPU time per frame of the renderer's
 * main, compositor, raster and display threads (from a Chrome trace), which load does not inflate, and the load average.
 * Progress goes to stderr; the last line on stdout is one JSON object:
 * {"steps_100":{"render_ms","drag_frame_ms":{"p50","p95"},"pan_frame_ms":{"p50","p95"}},"steps_500":{…}}
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type APIRequestContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { tidyGraph } from '../shared/graph/layout.ts';
import type { Edge, Graph, Step } from '../shared/graph/schema.ts';
import { CHROMIUM_PATH } from '../e2e/browser.ts';
import { bootApp } from '../server/boot.ts';
import { parseEnv } from '../server/env.ts';
import { percentile } from './stats.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '100,500').split(',').map(Number);
const FRAMES = 60;
/** Each measurement is repeated (a fresh 60-frame drag or pan each time) and the percentiles taken over all frames. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 3);
const COMPANY = 'bluewater';
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * A realistic wide DAG of `n` steps: the trigger fans out to parallel lanes; each lane is a chain of actions with a
 * condition every few steps whose yes/no branches rejoin. Laid out by the editor's own tidy-up.
 */
export function generateGraph(n: number): Graph {
  const steps: Step[] = [{ id: 'trigger', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } }];
  const edges: Edge[] = [];
  const lanes = Math.max(1, Math.round(n / 50));
  const perLane = Math.floor((n - 1) / lanes);
  let e = 0;
  const link = (source: string, target: string, label: Edge['label'] = null) => edges.push({ id: `e${e++}`, source, target, label });
  const action = (id: string, i: number): Step => {
    const pick = i % 4;
    if (pick === 0) return { id, type: 'action', kind: 'http_request', name: `Call API ${id}`, config: { method: 'POST', url: `https://api.example.com/items/${i}`, headers: {}, timeoutMs: 5000 }, position: { x: 0, y: 0 } };
    if (pick === 1) return { id, type: 'action', kind: 'delay', name: `Wait ${id}`, config: { duration: `${(i % 9) + 1}m` }, position: { x: 0, y: 0 } };
    if (pick === 2) return { id, type: 'action', kind: 'transform', name: `Shape ${id}`, config: { mapping: { step: String(i) } }, position: { x: 0, y: 0 } };
    return { id, type: 'action', kind: 'emit_event', name: `Announce ${id}`, config: { event: `bench/step.${i}`, data: {} }, position: { x: 0, y: 0 } };
  };
  for (let lane = 0; lane < lanes; lane++) {
    const budget = lane === lanes - 1 ? n - steps.length : perLane;
    let prev = 'trigger';
    let used = 0;
    for (let i = 0; used < budget; i++) {
      const id = `l${lane}s${i}`;
      if (i % 6 === 5 && budget - used >= 4) {
        steps.push({ id, type: 'condition', kind: 'condition', name: `Check ${id}`, config: { expression: `event.data.amount > ${i * 10}` }, position: { x: 0, y: 0 } });
        const yes = action(`${id}y`, i + 1);
        const no = action(`${id}n`, i + 2);
        const join = action(`${id}j`, i + 3);
        steps.push(yes, no, join);
        link(prev, id);
        link(id, yes.id, 'yes');
        link(id, no.id, 'no');
        link(yes.id, join.id);
        link(no.id, join.id);
        prev = join.id;
        used += 4;
      } else {
        steps.push(action(id, i));
        link(prev, id);
        prev = id;
        used += 1;
      }
    }
  }
  if (steps.length !== n) throw new Error(`generated ${steps.length} steps, wanted ${n}`);
  return tidyGraph({ steps, edges });
}

async function api<T>(request: APIRequestContext, route: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const res = kind === 'query' ? await request.get(`/trpc/${route}?input=${encodeURIComponent(JSON.stringify(input))}`) : await request.post(`/trpc/${route}`, { data: input as object });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok() || !body.result) throw new Error(`${route} failed (${res.status()}): ${body.error?.message ?? 'no result'}`);
  return body.result.data;
}

async function buildClient(outDir: string) {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(REPO, 'vite.config.ts'), root: path.join(REPO, 'client'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

function stats(samples: number[]) {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Loads the editor and resolves with performance.now() at the first frame where all `n` nodes are measured. */
async function timeRender(page: Page, url: string, n: number): Promise<number> {
  await page.goto(url);
  // The canvas sets data-rendered once every step has been in the DOM and measured by React Flow (on a big graph
  // the ones off screen are then unmounted again, so counting DOM nodes would miss the moment).
  const handle = await page.waitForFunction(
    (count) => {
      const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
      if (!canvas?.dataset.rendered || Number(document.querySelector('[data-testid="workflow-step-count"]')?.textContent) !== count) return false;
      return performance.now();
    },
    n,
    { polling: 'raf', timeout: 120_000 },
  );
  return Math.round(((await handle.jsonValue()) as number) * 10) / 10;
}

/** The step node nearest the middle of the canvas: it stays on screen while it is dragged right. */
async function pickNode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pane = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    const cx = pane.left + pane.width * 0.4;
    const cy = pane.top + pane.height / 2;
    let best: { id: string; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (!best || d < best.d) best = { id: el.dataset.id!, d };
    }
    return best!.id;
  });
}

/**
 * CPU time (not wall time) the renderer spent per frame, by thread, from a Chrome trace of `run`: on a shared or
 * loaded machine the frame gaps include time the browser sat descheduled; this says what the page itself cost.
 */
async function cpuPerFrame<T extends number[]>(page: Page, run: () => Promise<T>): Promise<{ frames: T; cpu: Record<string, number> }> {
  const browser = page.context().browser()!;
  // Only the top-level task events: cheap enough not to distort what is measured.
  await browser.startTracing(page, { categories: ['toplevel'] });
  const frames = await run();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { ph: string; name: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[] };
  const threads = new Map<string, string>();
  for (const ev of trace.traceEvents) if (ev.ph === 'M' && ev.name === 'thread_name') threads.set(`${ev.pid}:${ev.tid}`, ev.args?.name ?? '');
  const GROUPS: Record<string, [thread: string, task: string]> = {
    main: ['CrRendererMain', 'ThreadControllerImpl::RunTask'],
    compositor: ['Compositor', 'ThreadControllerImpl::RunTask'],
    raster: ['ThreadPoolForegroundWorker', 'TaskGraphRunner::RunTask'],
    display: ['VizCompositorThread', 'ThreadControllerImpl::RunTask'],
  };
  const sums: Record<string, number> = { main: 0, compositor: 0, raster: 0, display: 0 };
  for (const ev of trace.traceEvents) {
    if (ev.ph !== 'X' || ev.tdur === undefined) continue;
    const thread = threads.get(`${ev.pid}:${ev.tid}`) ?? '';
    for (const [group, [t, task]] of Object.entries(GROUPS)) if (thread === t && ev.name === task) sums[group]! += ev.tdur / 1000;
  }
  const cpu = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Math.round((v / frames.length) * 100) / 100]));
  return { frames, cpu };
}

/** Drags node `id` for `frames` frames, one mousemove per animation frame; returns the frame gaps (ms). */
async function dragFrames(page: Page, id: string, frames: number): Promise<number[]> {
  return page.evaluate(
    ({ id, frames }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"] [data-kind]`)!;
        const r = el.getBoundingClientRect();
        let x = r.left + r.width / 2;
        let y = r.top + 16;
        const mouse = (type: string, target: EventTarget) =>
          target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }));
        mouse('mousedown', el);
        const stamps: number[] = [];
        let i = 0;
        const frame = (t: number) => {
          stamps.push(t);
          if (i === frames) {
            mouse('mouseup', window);
            resolve(stamps.slice(1).map((s, k) => s - stamps[k]!));
            return;
          }
          i++;
          x += 3;
          y += i % 2 ? 2 : -2;
          mouse('mousemove', window);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { id, frames },
  );
}

/** Pans the canvas for `frames` frames, one wheel event per animation frame; returns the frame gaps (ms). */
async function panFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (frames) =>
      new Promise<number[]>((resolve) => {
        const pane = document.querySelector<HTMLElement>('.react-flow__pane')!;
        const r = pane.getBoundingClientRect();
        const stamps: number[] = [];
        let i = 0;
        const frame = (t: number) => {
          stamps.push(t);
          if (i === frames) return resolve(stamps.slice(1).map((s, k) => s - stamps[k]!));
          i++;
          pane.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, view: window, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, deltaX: 12, deltaY: i % 20 < 10 ? 6 : -6, deltaMode: 0 }));
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    frames,
  );
}

async function measure(page: Page, request: APIRequestContext, n: number) {
  const graph = generateGraph(n);
  const wf = await api<{ id: string; revision: number }>(request, 'workflows.create', { companySlug: COMPANY, name: `Canvas bench ${n}` });
  try {
    await api(request, 'workflows.saveGraph', { companySlug: COMPANY, id: wf.id, expectedRevision: wf.revision, graph });
    const url = `/supplier/${COMPANY}/workflows/${wf.id}`;
    const renders: number[] = [];
    for (let run = 0; run < RENDER_RUNS; run++) renders.push(await timeRender(page, url, n));
    log(`steps_${n}: render ${renders.join(', ')} ms`);
    // Let the opening settle (initial view, the first measurements) before timing frames.
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    // Snap to grid off: with it on, a node only moves when the pointer crosses a grid line, and the frames in
    // between change nothing (so the browser idles at 60 Hz and the gaps say nothing about the work).
    if ((await page.getByTestId('snap').getAttribute('aria-pressed')) === 'true') await page.getByTestId('snap').click();
    const node = await pickNode(page);
    const nodeAt = () => page.locator(`.react-flow__node[data-id="${node}"]`).evaluate((el) => (el as HTMLElement).style.transform);
    const viewport = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    await dragFrames(page, node, 10); // warm-up: the first drag also selects the node and opens its panel
    const drag: number[] = [];
    const { cpu: dragCpu } = await cpuPerFrame(page, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const before = await nodeAt();
        drag.push(...(await dragFrames(page, node, FRAMES)));
        if ((await nodeAt()) === before) throw new Error('the drag did not move the node');
      }
      return drag;
    });
    await panFrames(page, 10);
    const pan: number[] = [];
    const { cpu: panCpu } = await cpuPerFrame(page, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const view = await viewport();
        pan.push(...(await panFrames(page, FRAMES)));
        if ((await viewport()) === view) throw new Error('the wheel did not pan the canvas');
      }
      return pan;
    });
    log(`steps_${n}: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    log(`steps_${n}: drag frames ${JSON.stringify(stats(drag))}, pan frames ${JSON.stringify(stats(pan))} (max ${Math.max(...drag).toFixed(1)} / ${Math.max(...pan).toFixed(1)})`);
    log(`steps_${n}: CPU ms per frame (main = JS, style, layout, paint; raster and display off the main thread): drag ${JSON.stringify(dragCpu)}, pan ${JSON.stringify(panCpu)}`);
    // The drag autosaves; wait for it, so the delete below is not racing a save.
    await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor({ timeout: 30_000 });
    return { render_ms: percentile(renders, 50), drag_frame_ms: stats(drag), pan_frame_ms: stats(pan) };
  } finally {
    await api(request, 'workflows.delete', { companySlug: COMPANY, id: wf.id });
  }
}

async function main() {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`bench:canvas needs Debian's Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const workDir = path.join(REPO, '.data', `bench-canvas-${randomBytes(4).toString('hex')}`);
  const distDir = path.join(workDir, 'dist');
  const bootLog: string[] = [];
  log('building the client…');
  await buildClient(distDir);
  log('booting the app on an embedded Postgres…');
  const app = await bootApp(
    parseEnv({ ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', EMBER_DATA_DIR: path.join(workDir, 'db'), EMBER_STATIC_DIR: distDir, DATABASE_URL: '' }),
    (line) => bootLog.push(line),
  ).catch((err: unknown) => {
    log(bootLog.join('\n'));
    throw err;
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-frame-rate-limit', '--disable-gpu-vsync'],
  });
  const result: Record<string, unknown> = {};
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${app.port}`, viewport: { width: 1440, height: 900 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); the page functions below run without tsx's helper.
    await context.addInitScript('globalThis.__name = (fn) => fn');
    await api(context.request, 'auth.signIn', { email: 'owen@bluewater.example', password: 'ember-demo' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    for (const n of SIZES) result[`steps_${n}`] = await measure(page, context.request, n);
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
