/**
 * The sealed event catalog: every event the platform sends or consumes. Nothing else may be sent (senders take
 * `CatalogEvent`, built by `makeEvent`), and the ingress accepts only `external` names from here.
 */
import { auditCompleted, auditRequested } from './audit.ts';
import { assetUploaded } from './asset.ts';
import type { CatalogEventOf, EventDef } from './define.ts';
import { enrichmentCleanupRequested, enrichmentPipelineCompleted, shadowEnrichmentRun } from './enrichment.ts';
import { listingPublishRequested, notificationRequested } from './listing.ts';
import { webhookDeliveryRequested } from './notification.ts';
import { productFieldChanged, productUploaded } from './product.ts';
import { retailerListingCheckRequested, retailerSpecsCheckRequested, retailerWatchdogRequested } from './retailer.ts';
import { taskCreated, taskEscalationRequested } from './task.ts';
import { humanGateResolved, workflowRunCancelled, workflowTriggered } from './workflow.ts';

export * from './asset.ts';
export * from './audit.ts';
export * from './define.ts';
export * from './enrichment.ts';
export * from './listing.ts';
export * from './notification.ts';
export * from './product.ts';
export * from './retailer.ts';
export * from './task.ts';
export * from './workflow.ts';

export const EVENT_CATALOG = [
  productUploaded,
  productFieldChanged,
  assetUploaded,
  taskCreated,
  taskEscalationRequested,
  auditCompleted,
  auditRequested,
  workflowTriggered,
  humanGateResolved,
  workflowRunCancelled,
  shadowEnrichmentRun,
  enrichmentPipelineCompleted,
  enrichmentCleanupRequested,
  retailerSpecsCheckRequested,
  retailerWatchdogRequested,
  retailerListingCheckRequested,
  listingPublishRequested,
  notificationRequested,
  webhookDeliveryRequested,
] as const;

export type CatalogDef = (typeof EVENT_CATALOG)[number];
export type EventName = CatalogDef['name'];
/** Any event of the catalog, discriminated by `name`. */
export type CatalogEvent = { [D in CatalogDef as D['name']]: CatalogEventOf<D> }[EventName];
export type EventDefByName<N extends EventName> = Extract<CatalogDef, { name: N }>;

export const EVENT_NAMES = EVENT_CATALOG.map((e) => e.name) as EventName[];

const BY_NAME = new Map<string, CatalogDef>(EVENT_CATALOG.map((e) => [e.name, e]));

/** The definition of a name, or undefined for a name outside the catalog. */
export function eventDef(name: string): CatalogDef | undefined {
  return BY_NAME.get(name);
}

/** Events the ingress accepts and the Emit event step may send. */
export const EXTERNAL_EVENTS = EVENT_CATALOG.filter((e): e is Extract<CatalogDef, { audience: 'external' }> => e.audience === 'external');
export const EXTERNAL_EVENT_NAMES = EXTERNAL_EVENTS.map((e) => e.name);

export function isExternalEvent(name: string): boolean {
  return BY_NAME.get(name)?.audience === 'external';
}

export type { EventDef };

/**
 * Checks a payload built at run time (an Emit event step's computed fields, the ingress's body) against the catalog:
 * the typed event, or the issues with their paths. Unknown names are an issue of `name`.
 */
export function parseEvent(name: string, id: string, data: unknown): { ok: true; event: CatalogEvent } | { ok: false; issues: { path: string; message: string }[] } {
  const def = eventDef(name);
  if (!def) return { ok: false, issues: [{ path: 'name', message: `unknown event "${name}"` }] };
  const parsed = def.schema.safeParse(data);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: ['data', ...i.path.map(String)].join('.'), message: i.message })) };
  return { ok: true, event: { id, name: def.name, data: parsed.data } as CatalogEvent };
}

/** Narrows an event of the union to one name (throws on another): for code that holds a list of mixed events. */
export function dataOf<N extends EventName>(event: CatalogEvent, name: N): CatalogEventOf<EventDefByName<N>>['data'] {
  if (event.name !== name) throw new Error(`expected ${name}, got ${event.name}`);
  return event.data as CatalogEventOf<EventDefByName<N>>['data'];
}
