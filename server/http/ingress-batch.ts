/**
 * What the ingress accepts, decided without I/O: a JSON body holding one event or an array of them (Inngest's
 * `{name, data, id?, ts?}`), each a catalog event that outsiders may send, its `data` valid for that event once
 * `companyId` is set to the key's company. All or nothing: one refused event refuses the request.
 */
import { z } from 'zod';
import { eventDef, parseEvent, type CatalogEvent } from '../../shared/events/index.ts';
import { INGRESS_LIMITS } from '../../shared/events/ingress.ts';
import { checkHostile } from '../../shared/input/hostile.ts';

export interface IngressIssue {
  /** Dotted path in the body: `data.productIds.0` for one event, `2.data.productIds.0` in an array. */
  path: string;
  message: string;
}

export type IngressRefusal = { status: 400 | 403 | 413; error: string; issues: IngressIssue[] };
export type IngressBatch = { ok: true; events: CatalogEvent[] } | ({ ok: false } & IngressRefusal);

/** Inngest's event envelope. `ts` and `v` are accepted (Inngest's SDK sends them) and ignored: the receipt is the time. */
const EnvelopeSchema = z.object({
  name: z.string().min(1).max(256),
  data: z.record(z.string(), z.unknown()).optional(),
  id: z.string().min(1).max(INGRESS_LIMITS.maxIdLength).optional(),
  ts: z.number().optional(),
  v: z.string().max(64).optional(),
});

const MAX_ISSUES = 50;

/**
 * Parses a request body for the key's company. Every event's id is namespaced by the company (`ext:<company>:<id>`),
 * so a sender's id dedupes its own re-sends and can never collide with another company's or Ember's own events.
 */
export function parseIngressBody(body: string, companyId: string, newId: () => string): IngressBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refuse(400, 'the body is not JSON', []);
  }
  const hostile = checkHostile(parsed, { maxDepth: INGRESS_LIMITS.maxDepth, maxBytes: INGRESS_LIMITS.maxRequestBytes });
  if (hostile) return refuse(hostile.reason === 'too_large' ? 413 : 400, `${hostile.field}: ${hostile.message}`, [{ path: hostile.field, message: hostile.message }]);

  const batch = Array.isArray(parsed);
  const list: unknown[] = batch ? (parsed as unknown[]) : [parsed];
  if (list.length === 0) return refuse(400, 'no events: send one event or a non-empty array', []);
  if (list.length > INGRESS_LIMITS.maxEvents) return refuse(413, `at most ${INGRESS_LIMITS.maxEvents} events per request (this one has ${list.length})`, []);

  const events: CatalogEvent[] = [];
  const refusals: IngressRefusal[] = [];
  list.forEach((raw, i) => {
    const r = parseOne(raw, batch ? String(i) : '', companyId, newId);
    if ('status' in r) refusals.push(r);
    else events.push(r.event);
  });
  const first = refusals[0];
  if (first) return refuse(first.status, first.error, refusals.flatMap((r) => r.issues).slice(0, MAX_ISSUES));
  return { ok: true, events };
}

/** `index` is the event's position in an array body, '' for a body that is one event. */
function parseOne(raw: unknown, index: string, companyId: string, newId: () => string): { event: CatalogEvent } | IngressRefusal {
  const at = (path: string) => [index, path].filter(Boolean).join('.') || '(body)';
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const issues = envelope.error.issues.map((i) => ({ path: at(i.path.map(String).join('.')), message: i.message }));
    return { status: 400, error: `${issues[0]!.path}: ${issues[0]!.message}`, issues };
  }
  const size = Buffer.byteLength(JSON.stringify(raw), 'utf8');
  if (size > INGRESS_LIMITS.maxEventBytes) {
    const message = `the event is ${Math.ceil(size / 1024)} KB; one event may be at most ${INGRESS_LIMITS.maxEventBytes / 1024} KB`;
    return { status: 413, error: `${at('')}: ${message}`, issues: [{ path: at(''), message }] };
  }
  const { name, data, id } = envelope.data;
  const def = eventDef(name);
  if (!def) return { status: 400, error: `${at('name')}: unknown event "${name}"`, issues: [{ path: at('name'), message: `unknown event "${name}"` }] };
  if (def.audience !== 'external') {
    const message = `${name} is internal: only Ember sends it`;
    return { status: 403, error: message, issues: [{ path: at('name'), message }] };
  }
  // The key decides the company: whatever the payload says is overwritten, never read.
  const result = parseEvent(name, `ext:${companyId}:${id ?? newId()}`, { ...data, companyId });
  if (!result.ok) {
    const issues = result.issues.map((i) => ({ path: at(i.path), message: i.message }));
    return { status: 400, error: `${issues[0]!.path}: ${issues[0]!.message}`, issues };
  }
  return { event: result.event };
}

function refuse(status: IngressRefusal['status'], error: string, issues: IngressIssue[]): IngressBatch {
  return { ok: false, status, error, issues };
}
