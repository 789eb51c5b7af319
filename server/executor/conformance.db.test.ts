import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe } from 'vitest';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { eventApiFetch, handleEventApiRequest } from './event-api.ts';
import { Executor } from './executor.ts';
import { CONFORMANCE_TABLE, buildConformanceApp } from './testing/conformance-app.ts';
import { opsServers } from './testing/conformance-ops-servers.ts';
import { conformanceSuite } from './testing/conformance-suite.ts';
import { httpTransport, inProcessTransport } from './transport.ts';

const EVENT_ORIGIN = 'http://executor.internal';
const targets = dbTargets();
const all = process.env.CONFORMANCE_ALL_TARGETS === '1';
// Each transport on one target: in-process on the embedded Postgres, HTTP on the server when TEST_DATABASE_URL is
// set (both on embedded otherwise), so every case runs over both transports and on both targets in one pass.
const httpOn = (target: (typeof targets)[number]) => all || target === (targets.find((t) => t.name !== 'embedded') ?? targets[0]);
const inProcessOn = (target: (typeof targets)[number]) => all || target === targets[0];
// Every case runs with async checkpointing on (checkpoint.ts), whatever the executor's default; the checkpoint cases
// need it. EMBER_EXEC_CHECKPOINTING=off runs the suite without it (for comparison; the checkpoint cases then fail).
const CHECKPOINTING = process.env.EMBER_EXEC_CHECKPOINTING !== 'off';

describe.each(targets)('executor conformance on $name postgres', (target) => {
  if (inProcessOn(target)) describe('in-process', () => {
  const t = useTestDatabase(target);
  conformanceSuite('in-process transport', async () => {
    const { sql } = t.current.database;
    await sql.unsafe(CONFORMANCE_TABLE);
    let executor: Executor | null = null;
    // The app's client reaches the executor through the fetch it is given; the executor is made right after.
    const app = buildConformanceApp({ databaseUrl: t.current.url, baseUrl: EVENT_ORIGIN, fetch: (i, init) => eventApiFetch(executor!)(i, init) });
    const logs: string[] = [];
    executor = new Executor({ sql, transport: inProcessTransport({ client: app.inngest, functions: app.functions }), backoffBaseMs: 20, pollMs: 200, log: (l) => logs.push(l), gateway: (await opsServers()).gateway, checkpointing: CHECKPOINTING });
    await executor.start();
    const send = async (events: { name: string; data: Record<string, unknown> }[]) => (await app.inngest.send(events)).ids;
    return { executor, sql, send, logs, close: async () => { await executor!.stop(); await app.close(); } };
  });
  });

  if (httpOn(target)) describe('over HTTP', () => {
  const t = useTestDatabase(target);

  conformanceSuite('HTTP transport to a separate app process', async () => {
    const { sql } = t.current.database;
    await sql.unsafe(CONFORMANCE_TABLE);
    let executor: Executor | null = null;
    const api = http.createServer((req, res) => {
      void handleEventApiRequest(executor!, req, res).then((handled) => handled || res.writeHead(404).end());
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'testing/conformance-server.ts'), t.current.url, apiOrigin], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const m = /LISTENING (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`app process exited ${code}`)));
    });
    executor = new Executor({ sql, transport: httpTransport(`http://127.0.0.1:${port}/api/inngest`), backoffBaseMs: 20, pollMs: 200, gateway: (await opsServers()).gateway, checkpointing: CHECKPOINTING });
    await executor.start();
    // Events go over loopback HTTP too, as a real SDK client would send them.
    const send = async (events: { name: string; data: Record<string, unknown> }[]) => {
      const res = await fetch(`${apiOrigin}/e/test-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
      return ((await res.json()) as { ids: string[] }).ids;
    };
    return {
      executor, sql, send,
      close: async () => {
        await executor!.stop();
        child.kill('SIGTERM');
        await new Promise((r) => api.close(r));
      },
    };
  });
});
});
