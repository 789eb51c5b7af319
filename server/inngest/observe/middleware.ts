/**
 * The observe middleware: on the one Inngest client, so it sees every SDK call whoever executes the functions (the
 * embedded executor, the Dev Server, `npm run executor`, Inngest Cloud or a self-hosted Inngest), and records each
 * call's step attempts in the app's own tables (services/function-runs/record.ts) for the run inspector, the
 * metrics and `/metrics`.
 *
 * The SDK makes one instance per request, so the fields below describe one call:
 * - `transformFunctionInput` (once per call) gives the run, attempt, trigger event and how many steps were memoized;
 * - `onStepStart` / `onStepComplete` / `onStepError` fire only for steps executed in this call (never for memoized
 *   ones the SDK replays), so replays record nothing;
 * - `wrapRequest` sees the answer, builds the record and waits for it to be written before answering, so the
 *   executor never hears of a call that is not recorded yet; the wait is capped, and a failed write is logged by
 *   the sink and swallowed: recording never fails or holds up a user's step.
 */
import { Middleware } from 'inngest';
import type { CallSink } from '../../services/function-runs/record.ts';
import { callRecord, type ExecutedStep } from './call-record.ts';

let sink: CallSink | null = null;

/** Boot binds the database writer (services/function-runs/record.ts); unbound, nothing is recorded. */
export function bindCallSink(next: CallSink | null): void {
  sink = next;
}

/** The longest an SDK call waits for its record to be written before answering anyway. */
const RECORD_WAIT_MS = 2_000;

export class ObserveMiddleware extends Middleware.BaseMiddleware {
  readonly id = 'ember-observe';
  private call: { runId: string; attempt: number; event: unknown; memoized: number } | null = null;
  private readonly starts = new Map<string, number>();
  private readonly executed: ExecutedStep[] = [];

  override transformFunctionInput(arg: Middleware.TransformFunctionInputArgs): Middleware.TransformFunctionInputArgs {
    this.call = { runId: arg.ctx.runId, attempt: arg.ctx.attempt, event: arg.ctx.event, memoized: Object.keys(arg.steps).length };
    return arg;
  }

  override onStepStart({ stepInfo }: Middleware.OnStepStartArgs): void {
    this.starts.set(stepInfo.hashedId, Date.now());
  }

  override onStepComplete({ stepInfo }: Middleware.OnStepCompleteArgs): void {
    this.executedStep(stepInfo, 'ok');
  }

  override onStepError({ stepInfo, error, isFinalAttempt }: Middleware.OnStepErrorArgs): void {
    this.executedStep(stepInfo, isFinalAttempt ? 'error' : 'retry', error);
  }

  override async wrapRequest({ next, fn, requestInfo }: Middleware.WrapRequestArgs): Promise<Middleware.Response> {
    const startedAt = Date.now();
    const res = await next();
    const to = sink;
    if (!to || !fn || !this.call?.runId) return res;
    try {
      const record = callRecord({
        functionId: requestInfo.url.searchParams.get('fnId') || fn.id(this.client.id),
        runId: this.call.runId,
        requestedStep: requestInfo.url.searchParams.get('stepId') || 'step',
        attempt: this.call.attempt,
        memoized: this.call.memoized,
        event: this.call.event,
        startedAt,
        endedAt: Date.now(),
        steps: this.executed,
        response: res,
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([to.record(record), new Promise<void>((r) => (timer = setTimeout(r, RECORD_WAIT_MS)))]).finally(() => clearTimeout(timer));
    } catch (err) {
      console.error('[observe] could not build the record of a call:', err);
    }
    return res;
  }

  private executedStep(stepInfo: { readonly hashedId: string; readonly options: { readonly id: string } }, outcome: ExecutedStep['outcome'], error?: unknown): void {
    const endedAt = Date.now();
    this.executed.push({ hashedId: stepInfo.hashedId, stepId: stepInfo.options.id, startedAt: this.starts.get(stepInfo.hashedId) ?? endedAt, endedAt, outcome, error });
  }
}
