/**
 * The same functions under a Dev-Server-style executor, by configuration alone: the app runs with
 * INNGEST_DEV=<executor url> (its embedded executor off, /api/inngest served by the SDK), and a separate
 * `npm run executor` process drives it over HTTP. A workflow started through the app's API runs to completion.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { cloneDatabase, dbTargets } from '../testing/db.ts';

const repo = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}:\n${out}`)));
  });
}

describe.each(dbTargets().slice(0, 1))('dev mode on $name postgres', (target) => {
  const children: ChildProcess[] = [];
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await drop?.();
  });

  it('runs a workflow through /api/inngest driven by a separate executor process', { timeout: 180_000 }, async () => {
    const db = await cloneDatabase(target, { seeded: true });
    drop = db.drop;
    const execPort = await freePort();
    const appPort = await freePort();
    const env = { ...process.env, DATABASE_URL: db.url, EMBER_STATIC_DIR: '/nonexistent' };
    delete (env as Record<string, string | undefined>).VITEST; // a normal app process
    const app = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, PORT: String(appPort), HOST: '127.0.0.1', INNGEST_DEV: `http://127.0.0.1:${execPort}` },
    });
    children.push(app);
    await waitForOutput(app, /running on/);
    const health = (await (await fetch(`http://127.0.0.1:${appPort}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, engine: 'dev' });
    const served = (await (await fetch(`http://127.0.0.1:${appPort}/api/inngest`)).json()) as Record<string, unknown>;
    expect(served).toMatchObject({ mode: 'dev', function_count: expect.any(Number) });

    const cli = spawn(process.execPath, ['--import', 'tsx', 'server/executor/cli.ts', '--app-url', `http://127.0.0.1:${appPort}/api/inngest`, '--port', String(execPort)], {
      cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env,
    });
    children.push(cli);
    await waitForOutput(cli, /synced (\d+) function/);

    const signIn = await fetch(`http://127.0.0.1:${appPort}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'rachel@copperkettle.example', password: 'ember-demo' }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const call = async (proc: string, input: unknown) => {
      const res = await fetch(`http://127.0.0.1:${appPort}/trpc/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input) });
      const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
      if (!res.ok) throw new Error(`${proc}: ${JSON.stringify(body.error)}`);
      return body.result!.data as Record<string, unknown>;
    };
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const companySlug = 'copper-kettle';
    const created = await call('workflows.create', { companySlug, name: 'Dev mode check' });
    const at = (x: number) => ({ x, y: 0 });
    const graph = {
      steps: [
        { id: 'trigger', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: at(0) },
        { id: 'n1', type: 'action', kind: 'transform', name: 'Double', config: { mapping: { doubled: 'event.data.n * 2' } }, position: at(200) },
        { id: 'n2', type: 'condition', kind: 'condition', name: 'Big?', config: { expression: 'data.doubled > 10' }, position: at(400) },
        { id: 'n3', type: 'action', kind: 'transform', name: 'Yes', config: { mapping: { big: 'true' } }, position: at(600) },
        { id: 'n4', type: 'action', kind: 'transform', name: 'No', config: { mapping: { big: 'false' } }, position: at(600) },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'n1', label: null },
        { id: 'e2', source: 'n1', target: 'n2', label: null },
        { id: 'e3', source: 'n2', target: 'n3', label: 'yes' },
        { id: 'e4', source: 'n2', target: 'n4', label: 'no' },
      ],
    };
    const saved = await call('workflows.saveGraph', { companySlug, id: created.id, expectedRevision: created.revision, graph });
    await call('workflows.publish', { companySlug, id: created.id, expectedRevision: saved.revision });
    const { runId } = await call('runs.start', { companySlug, workflowId: created.id, payload: { n: 21 } });
    const deadline = Date.now() + 90_000;
    let status = 'pending';
    while (Date.now() < deadline && !['completed', 'failed'].includes(status)) {
      const [run] = await sql`select status from workflow_runs where id = ${runId as string}`;
      status = run!.status as string;
      await new Promise((r) => setTimeout(r, 50)); // bounded polling for the outcome
    }
    const [final] = await sql`select status, error from workflow_runs where id = ${runId as string}`;
    expect(final, JSON.stringify(final!.error)).toMatchObject({ status: 'completed' });
    const steps = await sql`select step_id, status from workflow_run_steps where run_id = ${runId as string} order by step_id`;
    expect(Object.fromEntries(steps.map((s) => [s.step_id, s.status]))).toEqual({ trigger: 'completed', n1: 'completed', n2: 'completed', n3: 'completed', n4: 'skipped' });
    // The executor records its own run as completed just after the workflow's last write: wait for it (bounded).
    let execDone = 0;
    for (const until = Date.now() + 30_000; execDone === 0 && Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const [execRun] = await sql`select count(*)::int n from ember_exec.runs where function_slug = 'ember-workflows-workflow-executor' and status = 'completed'`;
      execDone = execRun!.n as number;
    }
    expect(execDone).toBe(1);
    await sql.end();
  });
});
