/**
 * Inngest's event API, `POST /e/:key` → `{ids, status: 200}`, its signal API, `POST /v1/signals` `{signal, data}`
 * → `{data: {run_id}}` (404 when no run waits on the signal), and its async checkpoint API,
 * `POST /v1/checkpoint/:runId/async` (checkpoint.ts; 409 for a stale dispatch), over HTTP (node handler) and as a
 * `fetch` that an in-process Inngest client is given, so `inngest.send()`, `step.sendEvent()`, `inngest.sendSignal()`,
 * `step.sendSignal()` and the SDK's checkpoints reach the executor with no socket.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CheckpointRequestSchema } from './checkpoint.ts';
import type { Executor } from './executor.ts';

const EventInSchema = z
  .object({
    name: z.string().min(1).max(256),
    data: z.record(z.string(), z.unknown()).optional(),
    id: z.string().max(256).optional(),
    ts: z.number().optional(),
    user: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
const PayloadSchema = z.union([EventInSchema, z.array(EventInSchema).max(5000)]);

export interface EventApiOptions {
  /** When set, `POST /e/:key` must name this key (Inngest's event key); unset accepts any, like the Dev Server. */
  eventKey?: string;
  /**
   * When set, `POST /v1/signals` and `POST /v1/checkpoint/…` must carry the SDK's API token for it
   * (`Authorization: Bearer <hashed signing key>`, as Inngest's API wants); unset accepts any, like the Dev Server.
   */
  signingKey?: string;
}

const SignalInSchema = z.object({ signal: z.string().min(1).max(1024), data: z.unknown().optional() }).loose();

/** The SDK's API token for a signing key: the sha256 of the hex key, its `signkey-<env>-` prefix kept. */
export function hashSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? '';
  return prefix + createHash('sha256').update(signingKey.slice(prefix.length), 'hex').digest('hex');
}

function bearerMatches(authorization: string | null | undefined, signingKey: string): boolean {
  const given = Buffer.from(authorization?.replace(/^Bearer /, '') ?? '');
  const want = Buffer.from(hashSigningKey(signingKey));
  return given.length === want.length && timingSafeEqual(given, want);
}

type ApiAnswer = { status: number; json: unknown };

/** The SDK-facing APIs' common front: the bearer (when a signing key is set), then a JSON body the schema accepts. */
function authorizedBody<T>(schema: z.ZodType<T>, authorization: string | null | undefined, body: string, opts: EventApiOptions): { data: T } | { answer: ApiAnswer } {
  if (opts.signingKey && !bearerMatches(authorization, opts.signingKey)) return { answer: { status: 401, json: { error: 'Unauthorized', status: 401 } } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { answer: { status: 400, json: { error: 'body is not JSON', status: 400 } } };
  }
  const result = schema.safeParse(parsed);
  return result.success ? { data: result.data } : { answer: { status: 400, json: { error: z.prettifyError(result.error), status: 400 } } };
}

async function handleSignal(executor: Executor, authorization: string | null | undefined, body: string, opts: EventApiOptions): Promise<ApiAnswer> {
  const signal = authorizedBody(SignalInSchema, authorization, body, opts);
  if ('answer' in signal) return signal.answer;
  const runId = await executor.signal(signal.data.signal, signal.data.data ?? null);
  return runId ? { status: 200, json: { data: { run_id: runId } } } : { status: 404, json: { error: `no run is waiting for signal ${signal.data.signal}`, status: 404 } };
}

const CHECKPOINT_PATH = /^\/v1\/checkpoint\/([^/?]+)\/async(\?|$)/;

async function handleCheckpoint(executor: Executor, runId: string, authorization: string | null | undefined, body: string, opts: EventApiOptions): Promise<ApiAnswer> {
  const req = authorizedBody(CheckpointRequestSchema, authorization, body, opts);
  if ('answer' in req) return req.answer;
  const outcome = await executor.checkpoint(runId, req.data);
  return outcome.status === 200 ? { status: 200, json: { data: { steps: outcome.written } } } : { status: outcome.status, json: { error: outcome.error, status: outcome.status } };
}

async function handle(executor: Executor, key: string, body: string, opts: EventApiOptions): Promise<{ status: number; json: unknown }> {
  if (opts.eventKey && key !== opts.eventKey) return { status: 401, json: { error: 'Event key not found', status: 401 } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, json: { error: 'body is not JSON', status: 400 } };
  }
  const events = PayloadSchema.safeParse(parsed);
  if (!events.success) return { status: 400, json: { error: z.prettifyError(events.error), status: 400 } };
  const ids = await executor.send(events.data as Parameters<Executor['send']>[0]);
  return { status: 200, json: { ids, status: 200 } };
}

export function eventApiFetch(executor: Executor, opts: EventApiOptions = {}): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/v1/signals') {
      const { status, json } = await handleSignal(executor, request.headers.get('authorization'), await request.text(), opts);
      return Response.json(json, { status });
    }
    const checkpoint = CHECKPOINT_PATH.exec(url.pathname);
    if (request.method === 'POST' && checkpoint) {
      const { status, json } = await handleCheckpoint(executor, decodeURIComponent(checkpoint[1]!), request.headers.get('authorization'), await request.text(), opts);
      return Response.json(json, { status });
    }
    const m = /^\/e\/([^/]+)$/.exec(url.pathname);
    if (request.method !== 'POST' || !m) return Response.json({ error: `embedded executor: no ${request.method} ${url.pathname}` }, { status: 404 });
    const { status, json } = await handle(executor, decodeURIComponent(m[1]!), await request.text(), opts);
    return Response.json(json, { status });
  };
}

/** Returns true when it handled the request. */
export async function handleEventApiRequest(executor: Executor, req: IncomingMessage, res: ServerResponse, opts: EventApiOptions = {}): Promise<boolean> {
  const m = /^\/e\/([^/?]+)/.exec(req.url ?? '');
  const signal = /^\/v1\/signals(\?|$)/.test(req.url ?? '');
  const checkpoint = CHECKPOINT_PATH.exec(req.url ?? '');
  if (req.method !== 'POST' || (!m && !signal && !checkpoint)) return false;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) {
      res.writeHead(413).end();
      return true;
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const { status, json } = m
    ? await handle(executor, decodeURIComponent(m[1]!), text, opts)
    : checkpoint
      ? await handleCheckpoint(executor, decodeURIComponent(checkpoint[1]!), req.headers.authorization, text, opts)
      : await handleSignal(executor, req.headers.authorization, text, opts);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
  return true;
}
