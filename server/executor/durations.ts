/** Inngest time strings: "30s", "1h30m", "2d", "500ms", or an ISO instant (sleepUntil). Returns the instant. */
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value;
  let total = 0;
  let matched = false;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)) {
    total += Number(n) * UNIT_MS[unit!]!;
    matched = true;
  }
  if (!matched) throw new Error(`not a duration: ${value}`);
  return total;
}

export function resolveInstant(value: string | number | undefined, now: number): Date {
  if (value === undefined) return new Date(now);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(Date.parse(value));
  return new Date(now + durationMs(value));
}
