/**
 * One attempt at delivering a row of the company webhook's outbox: POST its Slack-compatible JSON to the company's
 * webhook URL through the SSRF guard (the URL and every address it resolves to are judged now, with the deployment's
 * allowlist), record the attempt on the row, and say whether to try again. A 2xx delivers; a 5xx, a 429, a timeout
 * or a dropped connection is retried (the caller waits with backoff); another 4xx or 3xx fails for good; a URL the
 * guard refuses is never requested and is not retried. An attempt already recorded is not made again, so a durable
 * step re-executed after its write returns what happened.
 */
import { sql } from 'drizzle-orm';
import type { DeliveryAttempt, DeliveryStatus } from '../../../shared/notifications/vocab.ts';
import type { Allowlist } from '../../../shared/net/allowlist.ts';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { guardedFetch, SsrfError, type Resolver } from '../../net/ssrf.ts';
import { storedWebhook } from './webhook-setting.ts';

export interface WebhookDeliveryOptions {
  /** Default: `EMBER_HTTP_ALLOWLIST`, read at each attempt. */
  allowlist?: Allowlist;
  resolve?: Resolver;
  timeoutMs: number;
  maxAttempts: number;
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  /** True when nothing more will be tried. */
  done: boolean;
  httpStatus: number | null;
  error: string | null;
}

/** Waits between attempts: base, then ×4 each time (10 s, 40 s, 2 min 40 s, … by default). */
export const retryDelayMs = (attempt: number, baseMs: number) => baseMs * 4 ** (attempt - 1);

export async function attemptDelivery(db: Db, companyId: string, deliveryId: string, attempt: number, opts: WebhookDeliveryOptions): Promise<AttemptOutcome> {
  const [row] = await withCompany(db, companyId, (tx) =>
    tx.execute<{ status: DeliveryStatus; attempts: DeliveryAttempt[]; payload: unknown; settings: Record<string, unknown> }>(sql`
      select d.status, d.attempts, d.payload, c.settings from webhook_deliveries d join companies c on c.id = d.company_id where d.id = ${deliveryId}`),
  );
  if (!row) return { status: 'cancelled', done: true, httpStatus: null, error: 'the delivery is gone' };
  const recorded = row.attempts[attempt - 1];
  if (row.status !== 'pending' || recorded) {
    return { status: row.status, done: row.status !== 'pending', httpStatus: recorded?.status ?? null, error: recorded?.error ?? null };
  }
  const webhook = storedWebhook(row.settings);
  if (!webhook) {
    // The admin removed the webhook meanwhile: nothing to send to, and nothing was tried.
    await record(db, companyId, deliveryId, attempt, null, 'cancelled');
    return { status: 'cancelled', done: true, httpStatus: null, error: 'the company has no webhook now' };
  }

  const started = Date.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  let verdict: 'delivered' | 'retry' | 'failed' | 'refused';
  try {
    const res = await guardedFetch({
      method: 'POST',
      url: webhook.url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(row.payload),
      timeoutMs: opts.timeoutMs,
      maxBytes: 64_000,
      // A webhook answers where it is; a redirect is refused rather than followed with the message.
      maxRedirects: 0,
      ...(opts.allowlist ? { allowlist: opts.allowlist } : {}),
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
    });
    httpStatus = res.status;
    verdict = res.status >= 200 && res.status < 300 ? 'delivered' : res.status >= 500 || res.status === 429 ? 'retry' : 'failed';
    if (verdict !== 'delivered') error = `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 200)}` : ''}`;
  } catch (err) {
    error = (err as Error).message.slice(0, 500);
    verdict = err instanceof SsrfError ? 'refused' : 'retry';
  }
  const status: DeliveryStatus = verdict === 'retry' ? (attempt >= opts.maxAttempts ? 'failed' : 'pending') : verdict;
  await record(db, companyId, deliveryId, attempt, { attempt, at: new Date(started).toISOString(), status: httpStatus, error, ms: Date.now() - started }, status);
  return { status, done: status !== 'pending', httpStatus, error };
}

/** Appends the attempt (once: only as the next one) and sets the row's status. */
async function record(db: Db, companyId: string, deliveryId: string, attempt: number, entry: DeliveryAttempt | null, status: DeliveryStatus) {
  const attempts = entry ? sql`attempts || ${JSON.stringify([entry])}::jsonb` : sql`attempts`;
  await withCompany(db, companyId, (tx) =>
    tx.execute(sql`
      update webhook_deliveries set attempts = ${attempts}, status = ${status},
        delivered_at = ${status === 'delivered' ? sql`now()` : sql`delivered_at`}, updated_at = now()
      where id = ${deliveryId} and jsonb_array_length(attempts) = ${attempt - 1}`),
  );
}
