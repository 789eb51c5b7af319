/**
 * The app's event ingress, `POST /e/:key` (Inngest's event API shape, so an Inngest SDK pointed at Ember can send):
 * a company's event key (Settings → Event keys) decides the company; the body is one event or an array, checked
 * whole against the sealed catalog before anything is sent (ingress-batch.ts); then the events go out through the
 * app's own `sendEvent` (the Inngest client), so the same ingress works with the embedded executor, the Dev Server
 * and Inngest. Answers Inngest's `{ids, status: 200}`, or `{error, status}` naming the problem and nothing internal:
 * 401 no live key, 400 malformed (the field named), 403 an internal event, 413 too big, 429 over the key's rate.
 * Nothing is written for any refusal, not even the key's last use.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type postgres from 'postgres';
import type { CatalogEvent } from '../../shared/events/index.ts';
import { INGRESS_LIMITS } from '../../shared/events/ingress.ts';
import type { Db } from '../db/client.ts';
import { findEventKey, lastUsedStamper } from '../services/event-keys/lookup.ts';
import { internalMessage, reportInternal } from '../trpc/error-map.ts';
import { parseIngressBody, type IngressIssue } from './ingress-batch.ts';
import { coalescingSender } from './ingress-sender.ts';
import { ingressRateFromEnv, ingressRateLimiter, type IngressRate } from './ingress-rate.ts';

export interface EventIngressOptions {
  db: Db;
  /** The owner pool: only for the key lookup (services/event-keys/lookup.ts says why). */
  sql: postgres.Sql;
  /** The app's sender (Inngest client); resolves once the events are accepted. */
  sendEvent: (events: CatalogEvent[]) => Promise<void>;
  /** Default: EMBER_INGEST_RATE / EMBER_INGEST_BURST, else 50/s and 200. */
  rate?: IngressRate;
}

const NO_KEY = 'Event key not found or revoked';

/** Returns the request handler; the caller routes `/e/…` to it. */
export function createEventIngress(opts: EventIngressOptions) {
  const limiter = ingressRateLimiter(opts.rate ?? ingressRateFromEnv());
  const stampLastUse = lastUsedStamper(opts.db);
  // Concurrent requests share sends (group commit): one ingest transaction for many requests, not one each.
  const send = coalescingSender(opts.sendEvent);

  return async function handleEventIngress(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/e\/([^/?#]*)(?:\?.*)?$/.exec(req.url ?? '');
    if (!m) return answer(res, 404, { error: 'Not found' });
    if (req.method !== 'POST') return answer(res, 405, { error: 'Use POST' }, { allow: 'POST' });
    const owner = await findEventKey(opts.sql, decodeSegment(m[1]!));
    if (!owner) return answer(res, 401, { error: NO_KEY });

    const open = limiter.peek(owner.keyId);
    if (!open.ok) return answer(res, 429, { error: open.reason }, { 'retry-after': String(open.retryAfterS) });
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return answer(res, 415, { error: 'Send the body uncompressed' });

    // A client that went away mid-body gets no answer (there is no one to read it).
    const body = await readBody(req, INGRESS_LIMITS.maxRequestBytes).catch(() => undefined);
    if (body === undefined) return void res.destroy();
    if (body === null) return answer(res, 413, { error: `A request may be at most ${INGRESS_LIMITS.maxRequestBytes / 1024} KB` }, { connection: 'close' });

    const batch = parseIngressBody(body, owner.companyId, randomUUID);
    if (!batch.ok) return answer(res, batch.status, { error: batch.error, issues: batch.issues });
    const taken = limiter.take(owner.keyId, batch.events.length);
    if (!taken.ok) return answer(res, 429, { error: taken.reason }, { 'retry-after': String(taken.retryAfterS) });

    try {
      await send(batch.events, Buffer.byteLength(body));
    } catch (err) {
      return answer(res, 500, { error: internalMessage(reportInternal(err, 'ingress')) });
    }
    answer(res, 200, { ids: batch.events.map((e) => e.id) });
    void stampLastUse(owner);
  };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

/**
 * The body as text, or null once it passes `max` bytes (declared or streamed). Past the bound the rest is drained
 * unread (so the 413 reaches a client still sending) and the answer closes the connection.
 */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const tooBig = () => {
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return tooBig();
      chunks.push(chunk);
    };
    if (Number(req.headers['content-length'] ?? 0) > max) return tooBig();
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

type Answer = { error: string; issues?: IngressIssue[] } | { ids: string[] };

function answer(res: ServerResponse, status: number, body: Answer, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ ...body, status }));
}
