/**
 * Zod building blocks for input fields that Postgres or the stack would otherwise choke on: dates inside the range
 * every layer can write, and JSON values with a bounded depth and size (also free of NUL and lone surrogates).
 * Pure: used by the tRPC routers and free for the client's forms.
 */
import { z } from 'zod';
import { checkHostile, type HostileLimits } from './hostile.ts';
import { DATE_BOUNDS } from './limits.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A date between `bounds.min` and `bounds.max` (default 1970-01-01 … 9999-12-31), given as an ISO string, a Date or
 * epoch milliseconds (what `z.coerce.date()` accepted, minus the dates Postgres refuses, like `+275760-09-13`).
 */
export function boundedDate(bounds: { min: Date; max: Date } = DATE_BOUNDS) {
  const range = `a date between ${day(bounds.min)} and ${day(bounds.max)}`;
  return z
    .union([z.date(), z.string().max(64, 'a date is at most 64 characters'), z.number().finite()], { error: `expected ${range}` })
    .transform((v) => new Date(v))
    .pipe(
      z
        .date({ error: `expected ${range}, like 2026-01-31T00:00:00Z` })
        .min(bounds.min, `expected ${range}`)
        .max(bounds.max, `expected ${range}`),
    );
}

/** Adds an issue, at the offending path inside the value, when `checkHostile` refuses it. */
export function jsonBounds(limits: HostileLimits) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const issue = checkHostile(value, limits);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { reason: issue.reason } });
  };
}

/** Any JSON value, within `limits` (depth and size), with no NUL or lone surrogate in a string or key. */
export function boundedJson(limits: HostileLimits) {
  return z.unknown().superRefine(jsonBounds(limits));
}

/** A JSON object (a payload), within `limits`. */
export function boundedJsonObject(limits: HostileLimits) {
  return z.record(z.string(), z.unknown()).superRefine(jsonBounds(limits));
}
