/** `npm run executor`: a separate executor process drives a separate app process over loopback HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { cloneDatabase, dbTargets } from '../testing/db.ts';
import { CONFORMANCE_TABLE } from './testing/conformance-app.ts';

const repo = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}: ${out}`)));
  });
}

describe.each(dbTargets().slice(0, 1))('the executor CLI on $name postgres', (target) => {
  const children: ChildProcess[] = [];
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await drop?.();
  });

  it('syncs the app at --app-url, takes events on --port and runs them to completion', async () => {
    const db = await cloneDatabase(target);
    drop = db.drop;
    const sql = postgres(db.url, { max: 2, onnotice: () => {} });
    await sql.unsafe(CONFORMANCE_TABLE);
    const port = await freePort();
    const app = spawn(process.execPath, ['--import', 'tsx', 'server/executor/testing/conformance-server.ts', db.url, `http://127.0.0.1:${port}`], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(app);
    const appPort = Number((await waitForLine(app, /LISTENING (\d+)/))[1]);
    const cli = spawn(process.execPath, ['--import', 'tsx', 'server/executor/cli.ts', '--app-url', `http://127.0.0.1:${appPort}/api/inngest`, '--port', String(port)], {
      cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: db.url },
    });
    children.push(cli);
    await waitForLine(cli, /synced (\d+) function/);

    const res = await fetch(`http://127.0.0.1:${port}/e/any-key`, { method: 'POST', body: JSON.stringify({ name: 'conf/fanout', data: { key: 'cli' } }) });
    expect(res.status).toBe(200);
    const { ids } = (await res.json()) as { ids: string[] };
    const deadline = Date.now() + 20_000;
    let status = 'running';
    while (Date.now() < deadline) {
      const [run] = await sql`select r.status, r.error from ember_exec.runs r join ember_exec.events e on e.internal_id = r.event_internal_id where e.id = ${ids[0]!}`;
      status = (run?.status as string) ?? 'missing';
      if (status === 'failed') throw new Error(`run failed: ${JSON.stringify(run!.error)}`);
      if (status !== 'running' && status !== 'missing') break;
      await new Promise((r) => setTimeout(r, 50)); // bounded polling for the outcome
    }
    expect(status).toBe('completed');
    const log = await sql`select step from conf_log where key = 'cli' order by seq`;
    expect(log.map((r) => r.step).at(-1)).toBe('after');
    expect(log).toHaveLength(6);
    const bad = await fetch(`http://127.0.0.1:${port}/e/any-key`, { method: 'POST', body: '{"nope":1}' });
    expect(bad.status).toBe(400);
    await sql.end();
  });
});
