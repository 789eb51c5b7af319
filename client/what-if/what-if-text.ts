/** Words and parsing for the what-if panel: pure, so they are unit-tested apart from React. */
import type { PathChange } from '../../shared/simulate/schema.ts';

export type SamplesParse = { samples: Record<string, unknown>[] } | { error: string };

/** Sample payloads as typed: one JSON object, or a list of them. */
export function parseSamples(text: string): SamplesParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not JSON: ${(err as Error).message}` };
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return { error: 'Give at least one payload.' };
  if (list.length > 50) return { error: 'At most 50 sample payloads.' };
  const bad = list.findIndex((v) => !v || typeof v !== 'object' || Array.isArray(v));
  if (bad >= 0) return { error: `Payload ${bad + 1} is not a JSON object.` };
  return { samples: list as Record<string, unknown>[] };
}

/** One changed run in words: "now runs Apply, Publish; no longer runs Review; needs approval: Review". */
export function describeChange(c: PathChange, nameOf: (id: string) => string): string {
  const names = (ids: string[]) => ids.map(nameOf).join(', ');
  const parts = [];
  if (c.added.length) parts.push(`now runs ${names(c.added)}`);
  if (c.removed.length) parts.push(`no longer runs ${names(c.removed)}`);
  if (c.newApprovals.length) parts.push(`needs approval: ${names(c.newApprovals)}`);
  return parts.join('; ');
}
