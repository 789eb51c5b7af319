/**
 * The parts of Inngest's SDK protocol the executor reads, parsed loosely (the SDK adds fields between versions;
 * we take what we need and ignore the rest). See ../../../shared docs INNGEST.md §2 for the wire format.
 */
import { z } from 'zod';

/** A trigger is an event (with an optional CEL expression) or a cron; other keys are ignored. */
export type Trigger = { event: string; expression?: string } | { cron: string };
export const TriggerSchema = z
  .object({ event: z.string().optional(), expression: z.string().optional(), cron: z.string().optional() })
  .loose()
  .transform((t): Trigger => (t.cron !== undefined ? { cron: t.cron } : { event: t.event ?? '', ...(t.expression ? { expression: t.expression } : {}) }));

const KeyedLimit = z.object({ limit: z.number(), key: z.string().optional(), scope: z.enum(['fn', 'env', 'account']).optional() }).loose();

export const FunctionConfigSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    triggers: z.array(TriggerSchema).default([]),
    steps: z.record(z.string(), z.object({ retries: z.object({ attempts: z.number() }).loose().optional() }).loose()).optional(),
    idempotency: z.string().optional(),
    concurrency: z.union([KeyedLimit, z.array(KeyedLimit), z.number()]).optional(),
    rateLimit: z.object({ limit: z.number(), period: z.string(), key: z.string().optional() }).loose().optional(),
    throttle: z.object({ limit: z.number(), period: z.string(), key: z.string().optional(), burst: z.number().optional() }).loose().optional(),
    debounce: z.object({ period: z.string(), key: z.string().optional(), timeout: z.string().optional() }).loose().optional(),
    cancel: z.array(z.object({ event: z.string(), if: z.string().optional(), timeout: z.string().optional() }).loose()).optional(),
    batchEvents: z.object({ maxSize: z.number().int().positive(), timeout: z.string(), key: z.string().optional(), if: z.string().optional() }).loose().optional(),
    priority: z.object({ run: z.string().optional() }).loose().optional(),
    singleton: z.object({ key: z.string().optional(), mode: z.enum(['skip', 'cancel']) }).loose().optional(),
    timeouts: z.object({ start: z.string().optional(), finish: z.string().optional() }).loose().optional(),
  })
  .loose();
export type FunctionConfig = z.infer<typeof FunctionConfigSchema>;

export const SyncResponseSchema = z.object({ app_id: z.string().optional(), functions: z.array(FunctionConfigSchema) }).loose();

export const OpSchema = z
  .object({
    id: z.string(),
    op: z.string(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    opts: z.record(z.string(), z.unknown()).optional().nullable(),
    data: z.unknown().optional(),
    error: z.unknown().optional(),
    userland: z.object({ id: z.string(), index: z.number().optional() }).loose().optional(),
  })
  .loose();
export type Op = z.infer<typeof OpSchema>;

export interface InngestEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  user?: Record<string, unknown>;
  ts: number;
}

/** Attempts = retries + 1, with Inngest's default of 3 retries. */
export function maxAttempts(config: FunctionConfig): number {
  const retries = Object.values(config.steps ?? {})[0]?.retries?.attempts;
  return (retries ?? 3) + 1;
}

export interface ConcurrencyLimit {
  limit: number;
  key?: string;
  scope: 'fn' | 'env' | 'account';
}

/** Up to two limits, as Inngest allows; a limit of 0 means "no limit" there and is dropped here. */
export function concurrencyOf(config: FunctionConfig): ConcurrencyLimit[] {
  const c = config.concurrency;
  if (c === undefined) return [];
  const list = typeof c === 'number' ? [{ limit: c }] : Array.isArray(c) ? c : [c];
  return list.filter((l) => l.limit > 0).map((l) => ({ limit: l.limit, scope: 'scope' in l && l.scope ? l.scope : 'fn', ...('key' in l && l.key ? { key: l.key } : {}) }));
}
