/**
 * Every bound on what a caller may send, in one place: the server enforces them, the client may show them.
 * Sizes are in bytes as the hostile-input guard counts them (UTF-8 of strings and keys + JSON punctuation).
 */
import type { HostileLimits } from './hostile.ts';

const KB = 1024;
const MB = 1024 * KB;

export const INPUT_LIMITS = {
  /** The raw input of any tRPC procedure (a procedure's meta may raise `maxBytes`, e.g. the CSV import). */
  request: { maxDepth: 64, maxBytes: 8 * MB },
  /** A run's trigger payload (`runs.start`): what every step of the run can read. */
  runPayload: { maxDepth: 32, maxBytes: 256 * KB },
  /** One product attribute value (`products.updateField`, `enrichment.accept`): 20,000-character texts, 50-item lists. */
  fieldValue: { maxDepth: 8, maxBytes: 512 * KB },
  /** One step's config in a saved graph (an HTTP step's body may be 1,000,000 characters). */
  stepConfig: { maxDepth: 32, maxBytes: 4 * MB },
} as const satisfies Record<string, HostileLimits>;

/** Dates a caller may name: 1970-01-01 through 9999-12-31 (UTC). Postgres and every client can write them. */
export const DATE_BOUNDS = {
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
} as const;
