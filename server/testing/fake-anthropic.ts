/**
 * A fake Anthropic Messages API on loopback (DOMAIN.md §4.5), for tests: the real SDK talks to it through
 * `baseURL`. Each skill's answer comes from a responder given the parsed request; scripted faults (429 with
 * retry-after, 529, 500, 400, malformed tool input, a hang) are consumed in order before responders. Every request
 * is recorded, so tests can count calls per skill (cost control) and inspect their shape.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClaudeConfig } from '../services/ai/config.ts';

export interface FakeRequest {
  skill: string;
  /** When it arrived (ms since the epoch): retry spacing is observable from here. */
  at: number;
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    max_tokens: number;
    system?: string;
    temperature?: number;
    tools: { name: string; input_schema: Record<string, unknown> }[];
    tool_choice: { type: string; name: string };
    messages: { role: string; content: string | { type: string; text?: string; source?: { type: string; media_type: string; data: string } }[] }[];
  };
  /** All the text of the user messages, joined: responders key on a SKU or a hash in it. */
  text: string;
  /** Base64 images sent, in order. */
  images: { mediaType: string; data: string }[];
}

export type Fault = '429' | '529' | '500' | '400' | '401' | 'malformed' | 'hang';
export type Responder = (req: FakeRequest) => Record<string, unknown> | { status: number; body: unknown };

export interface FakeAnthropic {
  url: string;
  requests: FakeRequest[];
  /** Sets how a skill answers (the forced tool's input). */
  on(skill: string, responder: Responder): void;
  /** The next `count` matching requests get this fault (optionally only for one skill or requests whose text matches). */
  fault(kind: Fault, count?: number, match?: { skill?: string; text?: string | RegExp }): void;
  /** Requests per skill so far. */
  count(skill?: string): number;
  config(overrides?: Partial<ClaudeConfig>): ClaudeConfig;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<string, string> = { '429': 'rate_limit_error', '529': 'overloaded_error', '500': 'api_error', '400': 'invalid_request_error', '401': 'authentication_error' };

export async function startFakeAnthropic(opts: { apiKey?: string; inputTokens?: number; outputTokens?: number } = {}): Promise<FakeAnthropic> {
  const apiKey = opts.apiKey ?? 'test-key';
  const responders = new Map<string, Responder>();
  const faults: { kind: Fault; left: number; match?: { skill?: string; text?: string | RegExp } }[] = [];
  const requests: FakeRequest[] = [];
  const hanging = new Set<() => void>();
  let seq = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${++seq}`, ...headers });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, type: string, message: string, headers: Record<string, string> = {}) => send(status, { type: 'error', error: { type, message } }, headers);
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) return error(404, 'not_found_error', `no route ${req.method} ${req.url}`);
      // The API takes the key as x-api-key or (SDK 1.x) a bearer token, and needs a dated anthropic-version.
      const key = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '');
      if (key !== apiKey) return error(401, 'authentication_error', 'invalid x-api-key');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(req.headers['anthropic-version']))) return error(400, 'invalid_request_error', 'anthropic-version header is required (e.g. 2023-06-01)');
      let body: FakeRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return error(400, 'invalid_request_error', 'body is not JSON');
      }
      const skill = body.tool_choice?.name ?? '';
      const parts = body.messages.flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content));
      const recorded: FakeRequest = {
        skill,
        at: Date.now(),
        headers: req.headers,
        body,
        text: parts.filter((p) => p.type === 'text').map((p) => p.text ?? '').join('\n'),
        images: parts.filter((p) => p.type === 'image' && p.source).map((p) => ({ mediaType: p.source!.media_type, data: p.source!.data })),
      };
      requests.push(recorded);
      const fault = faults.find((f) => f.left > 0 && (!f.match?.skill || f.match.skill === skill) && (!f.match?.text || (typeof f.match.text === 'string' ? recorded.text.includes(f.match.text) : f.match.text.test(recorded.text))));
      if (fault) {
        fault.left--;
        switch (fault.kind) {
          case 'hang': {
            const release = () => res.destroy();
            hanging.add(release);
            res.on('close', () => hanging.delete(release));
            return;
          }
          case 'malformed':
            return send(200, message(body, skill, { unexpected: true }));
          case '429':
            return error(429, ERROR_TYPES['429']!, 'Number of request tokens has exceeded your per-minute rate limit', { 'retry-after': '1' });
          default:
            return error(Number(fault.kind), ERROR_TYPES[fault.kind]!, `scripted ${fault.kind}`);
        }
      }
      const responder = responders.get(skill);
      if (!responder) return error(400, 'invalid_request_error', `fake has no responder for tool ${skill}`);
      const out = responder(recorded);
      if (typeof out.status === 'number' && 'body' in out) return send(out.status as number, out.body);
      return send(200, message(body, skill, out));
    });
  });

  function message(body: FakeRequest['body'], skill: string, input: Record<string, unknown>) {
    return {
      id: `msg_test_${++seq}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [{ type: 'tool_use', id: `toolu_test_${seq}`, name: skill, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: opts.inputTokens ?? 1000, output_tokens: opts.outputTokens ?? 200 },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    on: (skill, responder) => void responders.set(skill, responder),
    fault: (kind, count = 1, match) => void faults.push({ kind, left: count, ...(match ? { match } : {}) }),
    count: (skill) => requests.filter((r) => !skill || r.skill === skill).length,
    config: (overrides = {}) => ({
      apiKey,
      baseURL: url,
      modelOverride: undefined,
      maxTokensOverride: undefined,
      timeoutMs: 5_000,
      inputPricePerMTok: 3,
      outputPricePerMTok: 15,
      invocationPriceUsd: 0.00005,
      ...overrides,
    }),
    close: async () => {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
