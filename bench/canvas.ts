/**
 * `npm run bench:canvas`: the canvas editor in headless Chromium on generated workflows of 100, 500 and 1,000 steps,
 * and the same graphs of 500 and 1,000 drawn by bare React Flow with its default nodes (bench/bare-flow), in the
 * same run, so the cost of our nodes, store and panels shows as a ratio.
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
 * - expression_editor (at BENCH_EDITOR_SIZE, 500): drag p95 with a CodeMirror CEL editor open in the panel against
 *   without, the difference (`added_ms`), and a keystroke's time to its frame.
 * The bare page starts at the editor's viewport (same zoom, same part of the graph) in the full window.
 *
 * Frames are uncapped (--disable-frame-rate-limit, --disable-gpu-vsync): at a vsync-locked 60 Hz every gap would be
 * 16.7 ms or a multiple, whatever the work. Uncapped, a gap is the time the frame took: input, React, layout, paint.
 * Gaps are wall time, so a loaded machine inflates them; stderr also gives the CPU time per frame of the renderer's
 * main, compositor, raster and display threads (from a Chrome trace), which load does not inflate, and the load average.
 * Progress goes to stderr; the last line on stdout is one JSON object:
 * {"steps_100":{"render_ms","drag_frame_ms":{"p50","p95"},"pan_frame_ms":{"p50","p95"}},"steps_500":{…, "expression_editor":{…}},
 *  "steps_1000":{…},"bare_500":{…},"bare_1000":{…},"ratio_500":{"drag_p95"},"ratio_1000":{…}}
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type APIRequestContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_PATH } from '../e2e/browser.ts';
import { bootApp } from '../server/boot.ts';
import { parseEnv } from '../server/env.ts';
import { generateGraph } from './graph.ts';
import { percentile } from './stats.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000').split(',').map(Number);
/** Sizes also drawn by bare React Flow (default nodes, nothing of ours), for the ratio. */
const BARE_SIZES = (process.env.BENCH_BARE_SIZES ?? '500,1000').split(',').map(Number);
/** The size at which the expression editor's cost is measured. */
const EDITOR_SIZE = Number(process.env.BENCH_EDITOR_SIZE ?? 500);
const FRAMES = 60;
/** Each measurement is repeated (a fresh 60-frame drag or pan each time) and the percentiles taken over all frames. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 3);
const COMPANY = 'bluewater';
const log = (line: string) => process.stderr.write(`${line}\n`);

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
async function pickNode(page: Page, pane = '[data-testid="canvas"]', kind?: string): Promise<string | null> {
  return page.evaluate(({ paneSelector, kind }) => {
    const pane = document.querySelector(paneSelector)!.getBoundingClientRect();
    const cx = pane.left + pane.width * 0.4;
    const cy = pane.top + pane.height / 2;
    let best: { id: string; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      if (kind && !el.querySelector(`[data-kind="${kind}"]`)) continue;
      const r = el.getBoundingClientRect();
      // Mounted is enough (past CULL_ABOVE_STEPS only nodes in view are): the drag is dispatched to the element itself.
      if (kind && (r.right < pane.left || r.left > pane.right || r.bottom < pane.top || r.top > pane.bottom)) continue;
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (!best || d < best.d) best = { id: el.dataset.id!, d };
    }
    return best?.id ?? null;
  }, { paneSelector: pane, kind });
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
async function dragFrames(page: Page, id: string, frames: number, grip = ' [data-kind]'): Promise<number[]> {
  return page.evaluate(
    ({ id, frames, grip }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]${grip}`)!;
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
    { id, frames, grip },
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
    const node = (await pickNode(page))!;
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
    // The bare page starts where the editor's view is, so both draw about as many nodes.
    const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)\s*scale\(([\d.]+)\)/.exec(await viewport());
    const view = m ? `${m[1]},${m[2]},${m[3]}` : '0,0,1';
    const editor = n === EDITOR_SIZE ? await measureExpressionEditor(page) : undefined;
    // The drag autosaves; wait for it, so the delete below is not racing a save.
    await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor({ timeout: 30_000 });
    return { result: { render_ms: percentile(renders, 50), drag_frame_ms: stats(drag), pan_frame_ms: stats(pan), ...(editor ? { expression_editor: editor } : {}) }, view };
  } finally {
    await api(request, 'workflows.delete', { companySlug: COMPANY, id: wf.id });
  }
}

/**
 * What the expression editor costs on a canvas of EDITOR_SIZE steps:
 * - drag p95 of a condition whose panel holds a CodeMirror CEL editor, against a delay whose panel holds none
 *   (rounds interleaved, so load falls on both alike); `added_ms` is the difference;
 * - keystroke_ms: from a character typed into the expression to the frame that shows it (CodeMirror, lint,
 *   preview, the config commit and the graph's revalidation, the node's summary).
 */
async function measureExpressionEditor(page: Page) {
  // A condition and a delay in view (picked afresh each round: a drag moves its node right, and past the edge it
  // is unmounted); the wheel pans until there are both.
  const pick = async () => {
    for (let tries = 0; tries < 8; tries++) {
      if (tries) await panFrames(page, 20);
      const cond = await pickNode(page, '[data-testid="canvas"]', 'condition');
      const delay = await pickNode(page, '[data-testid="canvas"]', 'delay');
      if (cond && delay) return { cond, delay };
    }
    throw new Error('no condition and delay on screen to compare');
  };
  const withEditor: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { cond, delay } = await pick();
    await dragFrames(page, cond, 10); // selects it: its panel opens with the expression editor
    if ((await page.getByTestId('config-panel').locator('.cm-editor').count()) !== 1) throw new Error('the condition panel has no expression editor');
    withEditor.push(...(await dragFrames(page, cond, FRAMES)));
    if (!(await page.locator(`.react-flow__node[data-id="${delay}"]`).count())) continue;
    await dragFrames(page, delay, 10);
    if ((await page.getByTestId('config-panel').locator('.cm-editor').count()) !== 0) throw new Error('the delay panel has an expression editor');
    without.push(...(await dragFrames(page, delay, FRAMES)));
  }
  await dragFrames(page, (await pick()).cond, 10);
  const field = page.getByTestId('field-expression');
  const before = (await field.textContent()) ?? '';
  await field.click();
  await page.keyboard.press('End');
  const KEYS = 30;
  const keystrokes = await page.evaluate(
    (keys) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        const step = (i: number) => {
          if (i === keys) return resolve(out);
          const t0 = performance.now();
          // A real input event in the focused editor, as typing makes (CodeMirror reads it from the DOM).
          document.execCommand('insertText', false, i % 2 ? '0' : ' ');
          requestAnimationFrame(() => requestAnimationFrame(() => {
            out.push(performance.now() - t0);
            step(i + 1);
          }));
        };
        step(0);
      }),
    KEYS,
  );
  if (((await field.textContent()) ?? '').length !== before.length + KEYS) throw new Error('the keystrokes did not reach the expression editor');
  const a = stats(withEditor);
  const b = stats(without);
  const result = { drag_with_editor_ms: a, drag_without_ms: b, added_ms: Math.round((a.p95 - b.p95) * 10) / 10, keystroke_ms: stats(keystrokes) };
  log(`expression editor at ${page.url()}: ${JSON.stringify(result)}`);
  return result;
}

/** The same graph drawn by bare React Flow (bench/bare-flow): render, drag and pan measured as for the editor. */
async function measureBare(page: Page, n: number, view: string) {
  const renders: number[] = [];
  for (let run = 0; run < RENDER_RUNS; run++) {
    await page.goto(`/__bare/index.html?n=${n}&vp=${view}`);
    const handle = await page.waitForFunction(() => (document.body.dataset.rendered ? performance.now() : false), undefined, { polling: 'raf', timeout: 120_000 });
    renders.push(Math.round(((await handle.jsonValue()) as number) * 10) / 10);
  }
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  const node = (await pickNode(page, '[data-testid="bare-canvas"]'))!;
  await dragFrames(page, node, 10, '');
  const drag: number[] = [];
  for (let round = 0; round < ROUNDS; round++) drag.push(...(await dragFrames(page, node, FRAMES, '')));
  await panFrames(page, 10);
  const pan: number[] = [];
  for (let round = 0; round < ROUNDS; round++) pan.push(...(await panFrames(page, FRAMES)));
  log(`bare_${n}: render ${renders.join(', ')} ms, drag ${JSON.stringify(stats(drag))}, pan ${JSON.stringify(stats(pan))}`);
  return { render_ms: percentile(renders, 50), drag_frame_ms: stats(drag), pan_frame_ms: stats(pan) };
}

async function buildBare(outDir: string) {
  const react = (await import('@vitejs/plugin-react')).default;
  await build({ configFile: false, root: path.join(REPO, 'bench/bare-flow'), base: '/__bare/', mode: 'production', logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true } });
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function main() {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`bench:canvas needs Debian's Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const workDir = path.join(REPO, '.data', `bench-canvas-${randomBytes(4).toString('hex')}`);
  const distDir = path.join(workDir, 'dist');
  const bootLog: string[] = [];
  const bareDir = path.join(workDir, 'bare');
  log('building the client…');
  await buildClient(distDir);
  await buildBare(bareDir);
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
    // The bare page is served from its own build, beside the app.
    await context.route('**/__bare/**', async (route) => {
      const file = path.join(bareDir, new URL(route.request().url()).pathname.slice('/__bare/'.length));
      await route.fulfill({ body: fs.readFileSync(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const views = new Map<number, string>();
    for (const n of SIZES) {
      const { result: r, view } = await measure(page, context.request, n);
      result[`steps_${n}`] = r;
      views.set(n, view);
    }
    for (const n of BARE_SIZES) {
      const bare = await measureBare(page, n, views.get(n) ?? '0,0,1');
      result[`bare_${n}`] = bare;
      const ours = result[`steps_${n}`] as { drag_frame_ms: { p95: number } } | undefined;
      if (ours) result[`ratio_${n}`] = { drag_p95: Math.round((ours.drag_frame_ms.p95 / bare.drag_frame_ms.p95) * 100) / 100 };
    }
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
