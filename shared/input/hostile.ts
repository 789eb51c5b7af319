/**
 * The hostile-input guard: one iterative walk over a parsed JSON value (a request body, an event payload) that
 * refuses what Postgres, the stack or the disk should never see.
 *
 * Refused, each with the path of the offending field:
 * - a NUL character (U+0000) in any string or object key: Postgres text and jsonb cannot store it (22021, 22P05);
 * - an unpaired UTF-16 surrogate in any string or object key: not Unicode, so it is either refused by the driver or
 *   silently stored as U+FFFD;
 * - containers nested deeper than `maxDepth`: recursive code downstream (zod, JSON.stringify, jsonb) would blow the
 *   stack; the walk itself keeps its own stack, so 100,000 levels cost nothing here;
 * - a value whose size is over `maxBytes`: the UTF-8 bytes of its strings and keys plus the JSON punctuation, i.e.
 *   roughly its serialized JSON size (escapes are not counted).
 *
 * Pure and browser-safe. Dates and byte arrays (a createCaller may pass them) are leaves; any other
 * object is walked by its own enumerable keys, so a cycle ends as "too deep".
 */

export interface HostileLimits {
  /** Deepest container nesting allowed: `{}` is 1, `{a: []}` is 2. Default 64. */
  maxDepth: number;
  /** Largest size allowed, in bytes (UTF-8 of strings and keys + JSON punctuation). Default 8 MB. */
  maxBytes: number;
}

export const DEFAULT_HOSTILE_LIMITS: HostileLimits = { maxDepth: 64, maxBytes: 8 * 1024 * 1024 };

export const HOSTILE_REASONS = ['nul', 'lone_surrogate', 'too_deep', 'too_large'] as const;
export type HostileReason = (typeof HOSTILE_REASONS)[number];

export type InputPath = (string | number)[];

export interface HostileIssue {
  reason: HostileReason;
  /** Path segments from the value's root, zod-style (array indexes are numbers); [] is the value itself. */
  path: InputPath;
  /** The same path, dotted (`payload.items.3.name`), `(input)` for the root. */
  field: string;
  /** What is wrong, without the field name, e.g. "is nested more than 64 levels deep". */
  message: string;
}

interface Frame {
  value: unknown;
  /** Containers around this value: 0 for the root. */
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

/**
 * Walks `value` (iteratively, in document order) and returns the first hostile thing found, or null. Never recurses
 * and never throws on a JSON value (a createCaller's object with a throwing getter or Proxy could still throw).
 */
export function checkHostile(value: unknown, limits: Partial<HostileLimits> = {}): HostileIssue | null {
  const maxDepth = limits.maxDepth ?? DEFAULT_HOSTILE_LIMITS.maxDepth;
  const maxBytes = limits.maxBytes ?? DEFAULT_HOSTILE_LIMITS.maxBytes;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }];
  let bytes = 0;
  const tooLarge = (f: Frame, key?: string) => issue('too_large', f, `is larger than the limit of ${formatBytes(maxBytes)}`, key);
  while (stack.length > 0) {
    const f = stack.pop()!;
    const v = f.value;
    if (typeof v === 'string') {
      const bad = badString(v);
      if (bad) return issue(bad, f, STRING_MESSAGES[bad]);
      bytes += utf8Length(v, maxBytes - bytes) + 2;
      if (bytes > maxBytes) return tooLarge(f);
      continue;
    }
    if (v === null || typeof v !== 'object') {
      bytes += leafSize(v);
      if (bytes > maxBytes) return tooLarge(f);
      continue;
    }
    if (v instanceof Date || ArrayBuffer.isView(v)) {
      bytes += v instanceof Date ? 26 : v.byteLength;
      if (bytes > maxBytes) return tooLarge(f);
      continue;
    }
    if (f.depth >= maxDepth) return issue('too_deep', f, `is nested more than ${maxDepth} levels deep`);
    if (Array.isArray(v)) {
      // Brackets and commas before the children are queued, so a huge array is refused before it is walked.
      bytes += 2 + Math.max(0, v.length - 1);
      if (bytes > maxBytes) return tooLarge(f);
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: f.depth + 1, parent: f, key: i });
      continue;
    }
    const keys = Object.keys(v);
    bytes += 2 + Math.max(0, keys.length - 1);
    if (bytes > maxBytes) return tooLarge(f);
    // Keys are checked (and counted) before any value, so a bad key is reported even after a deep sibling.
    for (const k of keys) {
      const bad = badString(k);
      if (bad) return issue(bad, f, `the key ${STRING_MESSAGES[bad]}`, k);
      bytes += utf8Length(k, maxBytes - bytes) + 3;
      if (bytes > maxBytes) return tooLarge(f, k);
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      stack.push({ value: (v as Record<string, unknown>)[k], depth: f.depth + 1, parent: f, key: k });
    }
  }
  return null;
}

/** `field: message`, for a one-line error (an HTTP 400 body, a log line). */
export function describeHostile(issue: HostileIssue): string {
  return `${issue.field}: ${issue.message}`;
}

/** Dotted form of a path, as the error formatter keys field errors; `(input)` for the root. */
export function formatInputPath(path: InputPath): string {
  return path.length ? path.join('.') : '(input)';
}

const STRING_MESSAGES: Record<'nul' | 'lone_surrogate', string> = {
  nul: 'contains a NUL character (U+0000), which is not allowed',
  lone_surrogate: 'contains an unpaired surrogate (U+D800–U+DFFF), which is not valid Unicode',
};

function issue(reason: HostileReason, f: Frame, message: string, childKey?: string): HostileIssue {
  const path: InputPath = [];
  for (let at: Frame | null = f; at && at.key !== null; at = at.parent) path.push(safeSegment(at.key));
  path.reverse();
  if (childKey !== undefined) path.push(safeSegment(childKey));
  return { reason, path, field: formatInputPath(path), message };
}

/** A key is echoed back in the error: hostile or huge keys are shown escaped and cut, never as they came. */
function safeSegment(key: string | number): string | number {
  if (typeof key === 'number') return key;
  let out = badString(key) ? key.replace(/[\u0000\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : key;
  if (out.length > 64) out = `${out.slice(0, 64)}…`;
  return out;
}

const nativeWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed: (s: string) => boolean = nativeWellFormed ? (s) => nativeWellFormed.call(s) : (s) => !LONE_SURROGATE.test(s);

function badString(s: string): 'nul' | 'lone_surrogate' | null {
  if (s.indexOf('\u0000') !== -1) return 'nul';
  if (!isWellFormed(s)) return 'lone_surrogate';
  return null;
}

const ASCII = /^[\x00-\x7F]*$/;

/** UTF-8 length of a well-formed string, counted only as far as `budget` (past it, any larger number will do). */
function utf8Length(s: string, budget: number): number {
  if (s.length > budget || ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
    if (n > budget) return n;
  }
  return n;
}

function leafSize(v: unknown): number {
  if (typeof v === 'number') return String(v).length;
  if (typeof v === 'boolean') return v ? 4 : 5;
  return 4; // null, undefined (dropped by JSON), bigint, symbol, function: counted as a short token
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}
