/**
 * Which function options the executor honours, checked at sync. Anything else fails the sync with the function and
 * the option named: an option the executor would silently ignore (a throttle treated as no limit, say) is worse
 * than one it refuses, because the user moving an app here would lose a protection without noticing.
 */
import { FunctionConfigSchema } from './protocol.ts';

/** Every option key the executor honours, and the keys each option may hold (from the v4 SDK's sync payload). */
const HONOURED: Record<string, readonly string[] | null> = {
  id: null,
  name: null,
  triggers: null, // checked per trigger below
  steps: null, // the one `step` entry the SDK sends; its runtime is ours to call
  idempotency: null,
  concurrency: ['limit', 'key', 'scope'],
  rateLimit: ['limit', 'period', 'key'],
  throttle: ['limit', 'period', 'burst', 'key'],
  debounce: ['period', 'key', 'timeout'],
  cancel: ['event', 'if', 'timeout'],
  batchEvents: ['maxSize', 'timeout', 'key', 'if'],
  priority: ['run'],
  singleton: ['key', 'mode'],
  timeouts: ['start', 'finish'],
};
const TRIGGER_KEYS = ['event', 'expression', 'cron'];
const STEP_KEYS = ['id', 'name', 'runtime', 'retries'];

/** The options of one synced function the executor cannot honour, each as `option` or `option.field`. */
export function unsupportedOptions(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  const extraKeys = (value: unknown, allowed: readonly string[], at: string) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object') for (const k of Object.keys(item)) if (!allowed.includes(k)) out.push(`${at}.${k}`);
    }
  };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (!(key in HONOURED)) {
      out.push(key);
      continue;
    }
    const allowed = HONOURED[key];
    if (allowed) extraKeys(value, allowed, key);
  }
  extraKeys(raw.triggers, TRIGGER_KEYS, 'triggers');
  for (const step of Object.values((raw.steps ?? {}) as Record<string, unknown>)) extraKeys(step, STEP_KEYS, 'steps');
  if (Array.isArray(raw.concurrency) && raw.concurrency.length > 2) out.push('concurrency (more than two limits)');
  return [...new Set(out)];
}

/**
 * Checks a sync's functions: returns one message per function that cannot run as declared (an option the executor
 * does not honour, or a value its schema refuses), naming the function and the option.
 */
export function syncProblems(functions: unknown[]): string[] {
  const problems: string[] = [];
  for (const raw of functions) {
    const fn = (raw ?? {}) as Record<string, unknown>;
    const id = typeof fn.id === 'string' ? fn.id : '(no id)';
    const unsupported = unsupportedOptions(fn);
    if (unsupported.length) problems.push(`function ${id}: the embedded executor does not support ${unsupported.map((o) => `'${o}'`).join(', ')}`);
    const parsed = FunctionConfigSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `'${i.path.join('.')}' ${i.message}`);
      problems.push(`function ${id}: ${issues.join('; ')}`);
    }
  }
  return problems;
}
