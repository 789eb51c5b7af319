/**
 * State of the embedded Inngest-compatible executor. It is engine state, not tenant data: it lives in its own
 * schema, is reached only by the executor (as the database owner), and holds what Inngest's own state store
 * would: events, runs, memoized steps, a leased queue, waits, schedules and flow-control bookkeeping.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const execSchema = pgSchema('ember_exec');

/** Function configurations from the last in-band sync of each app. */
export const execFunctions = execSchema.table('functions', {
  slug: text('slug').primaryKey(),
  appId: text('app_id').notNull(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every event received; an event id seen before is not processed again (Inngest's event-id deduplication). */
export const execEvents = execSchema.table(
  'events',
  {
    internalId: bigserial('internal_id', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    user: jsonb('user').$type<Record<string, unknown>>(),
    ts: bigint('ts', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('events_id_uq').on(t.id), index('events_name_idx').on(t.name, t.receivedAt)],
);

export const RUN_STATES = ['running', 'completed', 'failed', 'cancelled'] as const;

export const execRuns = execSchema.table(
  'runs',
  {
    id: text('id').primaryKey(),
    functionSlug: text('function_slug').notNull(),
    status: text('status', { enum: RUN_STATES }).notNull().default('running'),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    eventInternalId: bigint('event_internal_id', { mode: 'number' }),
    output: jsonb('output'),
    error: jsonb('error').$type<Record<string, unknown>>(),
    /** Request version the SDK asked for (-1 until it says). */
    requestVersion: integer('request_version').notNull().default(-1),
    /** Set once the SDK reported parallel ops: from then on every step is planned, never run inline. */
    disableImmediate: integer('disable_immediate').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    parentRunId: text('parent_run_id'),
    parentStepId: text('parent_step_id'),
    concurrencyKey: text('concurrency_key'),
    concurrencyLimit: integer('concurrency_limit'),
    /** A function may declare a second concurrency limit (Inngest allows two, e.g. per key and per account). */
    concurrencyKey2: text('concurrency_key2'),
    concurrencyLimit2: integer('concurrency_limit2'),
    rateKey: text('rate_key'),
    /** `priority.run` in seconds (−600…600): the run's immediately-due items are ordered as if enqueued that much earlier. */
    priority: integer('priority').notNull().default(0),
    /** `singleton.key` evaluated: at most one running run per (function, key). */
    singletonKey: text('singleton_key'),
    /** A batched run's events (`batchEvents`); null for a run of one event. */
    events: jsonb('events').$type<Record<string, unknown>[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    firstStepAt: timestamp('first_step_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // Kept per run as the executor goes, so metrics read one row per run instead of every attempt and event.
    // Null on rows written before these columns existed (metrics fall back to the attempts/events tables).
    stepAttempts: integer('step_attempts'),
    stepAttemptsOk: integer('step_attempts_ok'),
    eventReceivedAt: timestamp('event_received_at', { withTimezone: true }),
  },
  (t) => [
    index('runs_fn_status_idx').on(t.functionSlug, t.status),
    index('runs_rate_idx').on(t.functionSlug, t.rateKey, t.createdAt),
    index('runs_parent_idx').on(t.parentRunId),
    index('runs_singleton_idx').on(t.functionSlug, t.singletonKey).where(sql`status = 'running' and singleton_key is not null`),
    // Per-company metrics (server/services/metrics/) select a company's runs in a time range by the event's companyId.
    index('runs_company_created_idx').on(sql`(${t.event}->'data'->>'companyId')`, t.createdAt),
  ],
);

/** The memo map: one row per completed step, in completion order (`seq`), which is the SDK's stack. */
export const execSteps = execSchema.table(
  'steps',
  {
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    name: text('name'),
    op: text('op').notNull(),
    memo: jsonb('memo'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] }), index('steps_run_seq_idx').on(t.runId, t.seq)],
);

/** Every call made to the SDK: for the run inspector, metrics and debugging. */
export const execAttempts = execSchema.table(
  'attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    attempt: integer('attempt').notNull(),
    status: integer('status').notNull(),
    outcome: text('outcome').notNull(),
    ops: jsonb('ops'),
    error: jsonb('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attempts_run_idx').on(t.runId, t.id)],
);

export const QUEUE_KINDS = [
  'discover', 'step', 'sleep', 'wait_timeout', 'invoke_timeout', 'debounce', 'batch', 'start_timeout', 'finish_timeout',
  'signal_timeout', 'gateway', 'ai_gateway',
] as const;

/**
 * Work that is due at `run_at`. A worker leases an item (lease_owner/lease_until) and must still hold the lease
 * when it records the outcome, which fences out a worker whose lease expired. Unique per (run, kind, step): a step
 * is never queued twice, and a run has at most one pending discovery.
 */
export const execQueue = execSchema.table(
  'queue',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id').notNull(),
    kind: text('kind', { enum: QUEUE_KINDS }).notNull(),
    stepId: text('step_id').notNull(),
    attempt: integer('attempt').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    concurrencyKey: text('concurrency_key'),
    concurrencyLimit: integer('concurrency_limit'),
    concurrencyKey2: text('concurrency_key2'),
    concurrencyLimit2: integer('concurrency_limit2'),
    /**
     * Set when a full concurrency key turned the item away: it is not leased before then, but keeps its `run_at`,
     * so FIFO and priority order among the waiting items survive the backlog.
     */
    holdUntil: timestamp('hold_until', { withTimezone: true }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('queue_item_uq').on(t.runId, t.kind, t.stepId),
    index('queue_due_idx').on(t.runAt),
    index('queue_concurrency_idx').on(t.concurrencyKey, t.leaseUntil),
    index('queue_concurrency2_idx').on(t.concurrencyKey2, t.leaseUntil),
  ],
);

/** A run waiting for an event (step.waitForEvent) or for an invoked child. */
export const execPauses = execSchema.table(
  'pauses',
  {
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    eventName: text('event_name').notNull(),
    expression: text('expression'),
    /**
     * The field of the awaited event the expression pins, and the value it must have (server/executor/pause-key.ts):
     * an arriving event looks up only the waits keyed by its own values. Null when the expression pins nothing.
     */
    matchPath: text('match_path'),
    matchValue: text('match_value'),
    /** The key is the whole expression: a keyed candidate matches without evaluating CEL. */
    matchExact: boolean('match_exact').notNull().default(false),
    timeoutAt: timestamp('timeout_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.stepId] }),
    index('pauses_key_idx').on(t.eventName, t.matchPath, t.matchValue),
    index('pauses_unkeyed_idx').on(t.eventName).where(sql`match_path is null`),
  ],
);

/** The paths waits on an event name are keyed by: what an arriving event reads to find its waits. Only grows. */
export const execPausePaths = execSchema.table(
  'pause_paths',
  {
    eventName: text('event_name').notNull(),
    path: text('path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventName, t.path] })],
);

/**
 * A run waiting for a signal (step.waitForSignal). A signal name has at most one waiter: a second wait either fails
 * (`onConflict: 'fail'`) or takes the name over (`'replace'`), the older wait then only timing out.
 */
export const execSignals = execSchema.table(
  'signals',
  {
    signal: text('signal').primaryKey(),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    timeoutAt: timestamp('timeout_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('signals_run_step_uq').on(t.runId, t.stepId)],
);

/** Cron triggers; a slot is claimed by moving next_at forward, and its run id is derived from the slot. */
export const execSchedules = execSchema.table(
  'schedules',
  {
    functionSlug: text('function_slug').notNull(),
    cron: text('cron').notNull(),
    nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.functionSlug, t.cron] })],
);

/**
 * Per function and evaluated key: idempotency keys (24 h), debounce buffers, throttle state (GCRA: `expires_at` is
 * the theoretical arrival time) and open batches (`event` holds the events so far, `run_id` the batch's id).
 */
export const execKeys = execSchema.table(
  'keys',
  {
    functionSlug: text('function_slug').notNull(),
    kind: text('kind', { enum: ['idempotency', 'debounce', 'throttle', 'batch'] }).notNull(),
    key: text('key').notNull(),
    runId: text('run_id'),
    event: jsonb('event').$type<Record<string, unknown>>(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.functionSlug, t.kind, t.key] })],
);
