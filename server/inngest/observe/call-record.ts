/**
 * What one SDK call amounts to, from what the observe middleware saw of it: the steps the SDK executed in that call
 * (from its step hooks, which never fire for memoized steps) and the call's answer. Pure, so the classification is
 * tested without an engine.
 *
 * Outcomes mirror how ember_exec.attempts judged an SDK call: a step that completed is 'ok'; a step that threw is
 * 'retry' (StepError) or, on its last attempt or when not retriable, 'error' (StepFailed). A call that executed no step
 * is 'ok' when the SDK answered 200 or a 206 carrying RunComplete (the function finished) or another 206 (it planned,
 * slept, waited or invoked), 'retry' for a retriable error answer and 'error' for a final one (`x-inngest-no-retry`).
 */
import type { AttemptOutcome, AttemptRecord, CallRecord, FunctionRunStatus } from '../../services/function-runs/record.ts';

export interface ExecutedStep {
  hashedId: string;
  /** The user-facing id (`step:n3`). */
  stepId: string;
  startedAt: number;
  endedAt: number;
  outcome: AttemptOutcome;
  error?: unknown;
}

export interface CallSeen {
  functionId: string;
  runId: string;
  /** The `stepId` the call asked for: 'step' (discovery) or a hashed step id. */
  requestedStep: string;
  attempt: number;
  /** Memoized steps the call carried: tells one discovery of a run from the next. */
  memoized: number;
  event: unknown;
  startedAt: number;
  endedAt: number;
  steps: ExecutedStep[];
  response: { status: number; headers: Readonly<Record<string, string>>; body: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME = 200;
const MAX_MESSAGE = 1000;

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const uuidOr = (v: unknown): string | null => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : null);
const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : null);

/**
 * The company and workflow run a call belongs to: `event.data.companyId` / `workflowRunId`, or, for an onFailure
 * handler (`inngest/function.failed`) and `inngest/function.finished`, those of the original event in `data.event`.
 */
export function tenantOf(event: unknown): { companyId: string | null; workflowRunId: string | null } {
  const data = asRecord(asRecord(event).data);
  for (const d of [data, asRecord(asRecord(data.event).data)]) {
    const companyId = uuidOr(d.companyId);
    if (companyId) return { companyId, workflowRunId: uuidOr(d.workflowRunId) };
  }
  return { companyId: null, workflowRunId: null };
}

/** Name and message of an error (an Error, a serialized error, an op's `error`), truncated; never its stack. */
export function errorFields(e: unknown): { errorName: string | null; errorMessage: string | null } {
  if (e instanceof Error) return { errorName: text(e.name, MAX_NAME), errorMessage: text(e.message, MAX_MESSAGE) };
  const o = asRecord(e);
  return { errorName: text(o.name, MAX_NAME), errorMessage: text(o.message, MAX_MESSAGE) };
}

interface Op {
  op?: string;
  displayName?: string;
  userland?: { id?: string };
  error?: unknown;
}

export function callRecord(seen: CallSeen): CallRecord {
  const event = asRecord(seen.event);
  const { companyId, workflowRunId } = tenantOf(event);
  const { status, headers } = seen.response;
  const noRetry = Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'x-inngest-no-retry' && v === 'true');
  const runStatus: FunctionRunStatus = status === 200 || completesRun(seen.response) ? 'completed' : status >= 400 && noRetry ? 'failed' : 'running';
  const ts = typeof event.ts === 'number' && Number.isFinite(event.ts) ? new Date(event.ts) : null;

  const attempts: AttemptRecord[] = seen.steps.map((s) => ({
    callKey: `s:${s.hashedId}:${seen.attempt}`,
    kind: 'step',
    stepId: s.stepId,
    attempt: seen.attempt,
    outcome: s.outcome,
    detail: s.outcome === 'ok' ? 'StepRun' : s.outcome === 'retry' ? 'StepError' : 'StepFailed',
    startedAt: new Date(s.startedAt),
    durationMs: s.endedAt - s.startedAt,
    ...(s.outcome === 'ok' ? { errorName: null, errorMessage: null } : errorFields(s.error)),
  }));
  // A call that executed no step is an attempt of its own: it planned, waited, finished or failed the function.
  if (attempts.length === 0) attempts.push({ callKey: `c:${seen.requestedStep}:${seen.memoized}:${seen.attempt}`, kind: 'call', attempt: seen.attempt, startedAt: new Date(seen.startedAt), durationMs: seen.endedAt - seen.startedAt, ...judgeCall(seen.response, noRetry) });

  return {
    run: {
      runId: seen.runId,
      functionId: seen.functionId,
      companyId,
      workflowRunId,
      eventId: typeof event.id === 'string' ? event.id : null,
      eventName: typeof event.name === 'string' ? event.name : null,
      eventReceivedAt: ts,
      status: runStatus,
    },
    startedAt: new Date(seen.startedAt),
    endedAt: new Date(seen.endedAt),
    attempts,
  };
}

function bodyOf(res: CallSeen['response']): unknown {
  try {
    return JSON.parse(res.body);
  } catch {
    return null; // not JSON: judged by the status alone
  }
}

/**
 * With checkpointing, the SDK ends a run with 206 and a `RunComplete` op (its steps were checkpointed in the same
 * call) rather than 200: the function finished all the same.
 */
function completesRun(res: CallSeen['response']): boolean {
  if (res.status !== 206 || !res.body.includes('RunComplete')) return false;
  const body = bodyOf(res);
  return Array.isArray(body) && body.some((o) => asRecord(o).op === 'RunComplete');
}

function judgeCall(res: CallSeen['response'], noRetry: boolean): Pick<AttemptRecord, 'outcome' | 'detail' | 'stepId' | 'errorName' | 'errorMessage'> {
  const body = bodyOf(res);
  if (res.status === 200 || completesRun(res)) return { outcome: 'ok', detail: 'completed', stepId: null, errorName: null, errorMessage: null };
  if (res.status === 206 && Array.isArray(body)) {
    const ops = body.map(asRecord) as Op[];
    const ids = [...new Set(ops.map((o) => o.userland?.id ?? o.displayName).filter((id): id is string => typeof id === 'string'))];
    const failed = ops.find((o) => o.op === 'StepFailed') ?? ops.find((o) => o.op === 'StepError');
    return {
      outcome: !failed ? 'ok' : failed.op === 'StepFailed' ? 'error' : 'retry',
      detail: ops.map((o) => o.op ?? '?').join(',') || 'none',
      stepId: ids.length === 1 ? ids[0]! : null,
      ...(failed ? errorFields(failed.error) : { errorName: null, errorMessage: null }),
    };
  }
  if (res.status < 300) return { outcome: 'ok', detail: String(res.status), stepId: null, errorName: null, errorMessage: null };
  return { outcome: noRetry ? 'error' : 'retry', detail: res.status === 400 ? 'failed' : 'error', stepId: null, ...errorFields(body) };
}
