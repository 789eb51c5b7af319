/**
 * Requests the executor makes itself on a function's behalf: `step.fetch` (op `Gateway`, opts
 * `{url, method, headers, body}`) and `step.ai.infer` (op `AIGateway`, see ai-gateway.ts).
 *
 * Follows inngest pkg/execution/executor/executor.go `handleGeneratorGateway` / `handleGeneratorAIGateway` and the
 * SDK's components/Fetch.js (which rebuilds a `Response` from the memo):
 * - the op becomes a `gateway` / `ai_gateway` queue item (so the request runs outside any transaction, under a
 *   heartbeated lease, and is made again after a crash only if its result was never recorded);
 * - every request goes through the SSRF guard (../../net/ssrf.ts: the URL, every address after DNS, every redirect),
 *   with the deployment's allowlist (`EMBER_HTTP_ALLOWLIST`) unless the executor is handed one;
 * - `Gateway` memoizes `{data: {url, status_code, headers, body}}` for any HTTP status; a network error is retried
 *   like a step error (backoff, up to the run's attempts) and then memoized as `{error: {name: 'GatewayError'}}`;
 * - an address the guard refuses fails the step at once (retrying cannot help) with that error, which user code can
 *   catch around `step.fetch`/`fetch`.
 */
import { withHeartbeat } from '../lease.ts';
import type postgres from 'postgres';
import type { Allowlist } from '../../../shared/net/allowlist.ts';
import { guardedFetch, SsrfError, type GuardedResponse, type Resolver } from '../../net/ssrf.ts';
import type { Effects } from '../context.ts';
import type { Op } from '../protocol.ts';
import { discoverWhenSettled, enqueue, memoize, slotsOf, type QueueItem, type RunRow, type Tx } from '../state.ts';
import { buildModelRequest, modelOutcome, type AnthropicConfig } from './ai-gateway.ts';

export interface GatewayConfig {
  /** Hosts and ranges the guard lets through; default `EMBER_HTTP_ALLOWLIST`, read at each request. */
  allowlist?: Allowlist;
  /** DNS for the guard (tests); default the system resolver. */
  resolve?: Resolver;
  /** The Claude key and base URL for `step.ai.infer` with Anthropic models; default ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL. */
  anthropic?: AnthropicConfig;
}

export interface GatewayDeps {
  sql: postgres.Sql;
  workerId: string;
  leaseMs: number;
  now: () => number;
  log: (line: string) => void;
  backoffMs: (attempt: number) => number;
  gateway?: GatewayConfig;
}

/** What one request came to: a memo to record, or an error worth another attempt. */
export type GatewayOutcome = { memo: unknown } | { retry: { name: string; message: string; stack?: string }; retryAfterMs?: number };

type Apply = (fn: (tx: Tx, fx: Effects, run: RunRow | null) => Promise<unknown>) => Promise<Effects>;

const OP_OF = { gateway: 'Gateway', ai_gateway: 'AIGateway' } as const;
const FETCH_TIMEOUT_MS = 120_000;
const FETCH_MAX_BYTES = 4_000_000;

/** `Gateway` / `AIGateway` in an SDK answer: queue the request (once per step). Runs with the run row locked. */
export async function planGateway(tx: Tx, fx: Effects, run: RunRow, op: Op): Promise<void> {
  const [known] = await tx`select exists(select 1 from ember_exec.steps where run_id = ${run.id} and step_id = ${op.id}) as b`;
  if (known!.b) return;
  const kind = op.op === 'AIGateway' ? 'ai_gateway' : 'gateway';
  await enqueue(tx, { runId: run.id, kind, stepId: op.id, ...slotsOf(run), payload: { name: op.userland?.id ?? op.displayName ?? op.name ?? null, opts: op.opts ?? {} } });
  fx.wake = true;
}

/** A leased `gateway` / `ai_gateway` item: make the request, then record the result (or schedule a retry). */
export async function performGateway(deps: GatewayDeps, item: QueueItem, apply: Apply): Promise<Effects> {
  const [state] = await deps.sql<{ status: string; done: boolean }[]>`
    select status, exists(select 1 from ember_exec.steps s where s.run_id = r.id and s.step_id = ${item.stepId}) as done
    from ember_exec.runs r where r.id = ${item.runId}`;
  if (!state || state.status !== 'running' || state.done) return apply(async () => {});
  const opts = (item.payload.opts ?? {}) as Record<string, unknown>;
  const outcome = await withHeartbeat(deps, item, () => (item.kind === 'ai_gateway' ? inferOnce(deps, opts) : fetchOnce(deps, opts)));
  const op = OP_OF[item.kind as keyof typeof OP_OF];
  const name = typeof item.payload.name === 'string' ? item.payload.name : null;
  return apply(async (tx, fx, run) => {
    if (!run) return;
    let memo: unknown;
    if ('retry' in outcome) {
      if (item.attempt + 1 < run.maxAttempts) {
        const delay = outcome.retryAfterMs ?? deps.backoffMs(item.attempt + 1);
        await enqueue(tx, { runId: run.id, kind: item.kind, stepId: item.stepId, attempt: item.attempt + 1, runAt: new Date(deps.now() + delay), ...slotsOf(run), payload: item.payload }, 'replace');
        fx.wake = true;
        return;
      }
      memo = { error: outcome.retry };
    } else {
      memo = outcome.memo;
    }
    if (await memoize(tx, run.id, item.stepId, op, memo, name)) fx.wake = (await discoverWhenSettled(tx, run)) || fx.wake;
  });
}

const gatewayError = (err: unknown) => ({ name: 'GatewayError', message: `Error making gateway request: ${err instanceof Error ? err.message : String(err)}` });

async function fetchOnce(deps: GatewayDeps, opts: Record<string, unknown>): Promise<GatewayOutcome> {
  const url = String(opts.url ?? '');
  const headers = Object.fromEntries(Object.entries((opts.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const body = opts.body === undefined || opts.body === null ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  let res: GuardedResponse;
  try {
    res = await guardedFetch({
      method: String(opts.method ?? 'GET'),
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: FETCH_TIMEOUT_MS,
      maxBytes: FETCH_MAX_BYTES,
      ...(deps.gateway?.allowlist ? { allowlist: deps.gateway.allowlist } : {}),
      ...(deps.gateway?.resolve ? { resolve: deps.gateway.resolve } : {}),
    });
  } catch (err) {
    // Refused by the guard (or over the size cap): the same request would be refused again.
    if (err instanceof SsrfError) return { memo: { error: gatewayError(err) } };
    deps.log(`executor: step.fetch ${url}: ${(err as Error).message}`);
    return { retry: gatewayError(err) };
  }
  return { memo: { data: { url: res.url, status_code: res.status, headers: res.headers, body: res.body } } };
}

async function inferOnce(deps: GatewayDeps, opts: Record<string, unknown>): Promise<GatewayOutcome> {
  let res: GuardedResponse;
  try {
    const req = buildModelRequest(opts, deps.gateway?.anthropic);
    res = await guardedFetch({
      ...req,
      ...(deps.gateway?.allowlist ? { allowlist: deps.gateway.allowlist } : {}),
      ...(deps.gateway?.resolve ? { resolve: deps.gateway.resolve } : {}),
    });
  } catch (err) {
    const error = { name: 'AIGatewayError', message: `Error making AI request: ${(err as Error).message}` };
    if (err instanceof SsrfError) return { memo: { error } };
    deps.log(`executor: step.ai.infer: ${(err as Error).message}`);
    return { retry: error };
  }
  return modelOutcome(res, deps.now());
}

