/** Reusable zod field schemas for step configs; the canvas form generator recognises them by their `meta` tag. */
import { z } from 'zod';
import { celSyntaxError } from '../cel/check.ts';
import { ROLES } from '../roles.ts';

export const CelSchema = z
  .string()
  .trim()
  .min(1, 'expression is required')
  .max(2000)
  .superRefine((value, ctx) => {
    const err = celSyntaxError(value);
    if (err) ctx.addIssue({ code: 'custom', message: `CEL syntax error: ${err}` });
  })
  .meta({ widget: 'cel' });

/** Durations in Inngest's notation: one or more `<n><unit>` groups, e.g. `30s`, `1h30m`, `3d`. */
export const DurationSchema = z
  .string()
  .trim()
  .regex(/^(\d+(ms|s|m|h|d|w))+$/, 'use a duration like 30s, 15m, 2h or 3d')
  .meta({ widget: 'duration' });

export const RoleSchema = z.enum(ROLES).meta({ widget: 'role' });

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function durationToMs(duration: string): number {
  let total = 0;
  for (const m of duration.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) {
    total += Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  }
  return total;
}
