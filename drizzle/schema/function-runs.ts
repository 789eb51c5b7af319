/**
 * What the Inngest functions did, recorded by the app itself: an Inngest middleware (server/inngest/observe/) sees
 * every SDK call whoever executes it (the embedded executor, the Dev Server, `npm run executor`, Inngest Cloud or a
 * self-hosted Inngest), so the run inspector, the metrics and `/metrics` read these tables and never an engine's own
 * store (ember_exec is the embedded executor's private state).
 *
 * Glossary:
 * - run: one Inngest function run, keyed by Inngest's run id; `function_id` is the function's slug (`<app>-<fn>`).
 * - attempt: one step attempt the SDK executed during a call (`kind` 'step', `step_id` the user-facing id such as
 *   `step:n3`), or one SDK call that executed no step (`kind` 'call': it planned, slept, waited, invoked, finished or
 *   failed the function outside a step). With one step per call (the embedded executor, the Dev Server) this is
 *   exactly one row per SDK call, as ember_exec.attempts counted; with Inngest's checkpointing a call may hold several.
 * - outcome: 'ok' (the step or call succeeded), 'retry' (it failed and will be retried), 'error' (it failed for good).
 * - call_key: what makes a row idempotent: the same call replayed (an executor that lost its lease, a redelivered
 *   request) has the same key and is recorded once.
 *
 * Tenancy. A run whose trigger event names a company (`event.data.companyId`) is that company's data: its rows live
 * in function_runs / function_attempts (RLS enabled and forced, written inside withCompany, read in the request's
 * tenant transaction). A run of no company (cron sweeps, system events) is engine-level: system_function_runs /
 * system_function_attempts, without company_id, reachable only by the owner (ember_app has no grant); only the
 * Prometheus exporter reads them, as totals per function.
 */
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './tenancy.ts';

export const FUNCTION_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const ATTEMPT_KINDS = ['step', 'call'] as const;
export const ATTEMPT_OUTCOMES = ['ok', 'retry', 'error'] as const;

const tz = { withTimezone: true } as const;

/** Per run: the per-run counters the metrics read (one row per run rather than every attempt). */
const runColumns = () => ({
  runId: text('run_id').primaryKey(),
  functionId: text('function_id').notNull(),
  eventId: text('event_id'),
  eventName: text('event_name'),
  /** The trigger event's receipt (`event.ts`): event-to-execution latency is first_call_at − this. */
  eventReceivedAt: timestamp('event_received_at', tz),
  /** When the run began: the event's receipt, else its first call. Metric ranges select runs by it. */
  createdAt: timestamp('created_at', tz).notNull(),
  firstCallAt: timestamp('first_call_at', tz).notNull(),
  lastCallAt: timestamp('last_call_at', tz).notNull(),
  /** As the SDK last saw it; a run an engine cancelled stays 'running' (the SDK is not told). */
  status: text('status', { enum: FUNCTION_RUN_STATUSES }).notNull().default('running'),
  attempts: integer('attempts').notNull().default(0),
  attemptsOk: integer('attempts_ok').notNull().default(0),
});

const attemptColumns = () => ({
  runId: text('run_id').notNull(),
  callKey: text('call_key').notNull(),
  kind: text('kind', { enum: ATTEMPT_KINDS }).notNull(),
  /** The user-facing step id (`step:n3`); for a call, the one step its answer was about, if only one. */
  stepId: text('step_id'),
  /** 0-based, as the SDK's ctx.attempt. */
  attempt: integer('attempt').notNull(),
  outcome: text('outcome', { enum: ATTEMPT_OUTCOMES }).notNull(),
  /** What happened, in the protocol's words: StepRun, StepError, StepFailed, StepPlanned,Sleep, completed, error. */
  detail: text('detail').notNull(),
  startedAt: timestamp('started_at', tz).notNull(),
  durationMs: integer('duration_ms').notNull(),
  /** Name and message only (truncated), never a stack. */
  errorName: text('error_name'),
  errorMessage: text('error_message'),
});

export const functionRuns = pgTable(
  'function_runs',
  {
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    ...runColumns(),
    /** `event.data.workflowRunId` (or the failed run's, for an onFailure handler): the run inspector's key. */
    workflowRunId: uuid('workflow_run_id'),
  },
  (t) => [index('function_runs_company_created_idx').on(t.companyId, t.createdAt), index('function_runs_workflow_run_idx').on(t.workflowRunId)],
);

export const functionAttempts = pgTable(
  'function_attempts',
  {
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    ...attemptColumns(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.callKey] })],
);

export const systemFunctionRuns = pgTable('system_function_runs', runColumns(), (t) => [index('system_function_runs_fn_idx').on(t.functionId, t.status)]);

export const systemFunctionAttempts = pgTable('system_function_attempts', attemptColumns(), (t) => [primaryKey({ columns: [t.runId, t.callKey] })]);
