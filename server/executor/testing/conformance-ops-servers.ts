/**
 * Loopback servers the ops conformance cases need, one set per test process (both transports' executors run in the
 * test process, so the app process needs none of this): a receiver for `step.fetch` that records every request, and
 * the fake Anthropic Messages API (../../testing/fake-anthropic.ts) for `step.ai.infer`. `gateway` is what the
 * executor is handed: loopback allowed (as the app's other loopback tests allow it) and the fake as the configured
 * Claude base URL and key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllowlist } from '../../net/ssrf.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import type { GatewayConfig } from '../ops/gateway.ts';

export const FAKE_ANTHROPIC_KEY = 'conformance-anthropic-key';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface OpsServers {
  /**
   * `${receiverUrl}/hit/<key>` answers 201 with JSON and an `x-receiver` header; `/flaky/<key>` drops the connection
   * the first time, then answers like `/hit/`; `/to-private` redirects to 10.0.0.1.
   */
  receiverUrl: string;
  received: ReceivedRequest[];
  anthropic: FakeAnthropic;
  gateway: GatewayConfig;
}

let running: Promise<OpsServers & { close: () => Promise<void> }> | null = null;

/** The servers, started on first use (again after `closeOpsServers`). */
export function opsServers(): Promise<OpsServers> {
  return (running ??= start());
}

export async function closeOpsServers(): Promise<void> {
  const current = running;
  running = null;
  await (await current)?.close();
}

async function start() {
  const received: ReceivedRequest[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/to-private') return void res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
      // The first request of each key is cut off mid-flight (a network error); later ones are answered.
      if (req.url?.startsWith('/flaky/') && received.filter((r) => r.path === req.url).length === 1) return void req.socket.destroy();
      const hit = /^\/(?:hit|flaky)\/(.+)$/.exec(req.url ?? '');
      if (hit) {
        return void res.writeHead(201, { 'content-type': 'application/json', 'x-receiver': 'conformance' }).end(JSON.stringify({ got: hit[1], method: req.method, body }));
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const anthropic = await startFakeAnthropic({ apiKey: FAKE_ANTHROPIC_KEY, inputTokens: 12, outputTokens: 7 });
  return {
    receiverUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    received,
    anthropic,
    gateway: { allowlist: parseAllowlist('127.0.0.1/32'), anthropic: { apiKey: FAKE_ANTHROPIC_KEY, baseURL: anthropic.url } },
    close: async () => {
      receiver.closeAllConnections();
      await new Promise((r) => receiver.close(r));
      await anthropic.close();
    },
  };
}
