/**
 * Inngest's event API, `POST /e/:key` → `{ids, status: 200}`, over HTTP (node handler) and as a `fetch` that an
 * in-process Inngest client is given, so `inngest.send()` and `step.sendEvent()` reach the executor with no socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
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
    const m = /^\/e\/([^/]+)$/.exec(url.pathname);
    if (request.method !== 'POST' || !m) return Response.json({ error: `embedded executor: no ${request.method} ${url.pathname}` }, { status: 404 });
    const { status, json } = await handle(executor, decodeURIComponent(m[1]!), await request.text(), opts);
    return Response.json(json, { status });
  };
}

/** Returns true when it handled the request. */
export async function handleEventApiRequest(executor: Executor, req: IncomingMessage, res: ServerResponse, opts: EventApiOptions = {}): Promise<boolean> {
  const m = /^\/e\/([^/?]+)/.exec(req.url ?? '');
  if (req.method !== 'POST' || !m) return false;
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
  const { status, json } = await handle(executor, decodeURIComponent(m[1]!), Buffer.concat(chunks).toString('utf8'), opts);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
  return true;
}
