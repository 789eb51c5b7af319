/**
 * The catalog's events as Inngest event types (triggers, `waitForEvent`/`cancelOn` targets, run-time validation).
 * The contract itself — names, payloads, who may send — is `shared/events/`; this file only adapts it, so a
 * function's `event.data` is typed from the same schema the senders are checked against.
 */
import { eventType, type EventType } from 'inngest';
import * as catalog from '../../shared/events/index.ts';
import type { EventDef } from '../../shared/events/index.ts';

const inngestType = <D extends EventDef>(def: D): EventType<D['name'], D['schema']> => eventType<D['name'], D['schema']>(def.name, { schema: def.schema as never });

export const productUploaded = inngestType(catalog.productUploaded);
export const productFieldChanged = inngestType(catalog.productFieldChanged);
export const assetUploaded = inngestType(catalog.assetUploaded);
export const taskCreated = inngestType(catalog.taskCreated);
export const taskEscalationRequested = inngestType(catalog.taskEscalationRequested);
export const auditCompleted = inngestType(catalog.auditCompleted);
export const auditRequested = inngestType(catalog.auditRequested);
export const workflowTriggered = inngestType(catalog.workflowTriggered);
export const humanGateResolved = inngestType(catalog.humanGateResolved);
export const workflowRunCancelled = inngestType(catalog.workflowRunCancelled);
export const shadowEnrichmentRun = inngestType(catalog.shadowEnrichmentRun);
export const enrichmentPipelineCompleted = inngestType(catalog.enrichmentPipelineCompleted);
export const enrichmentCleanupRequested = inngestType(catalog.enrichmentCleanupRequested);
export const retailerSpecsCheckRequested = inngestType(catalog.retailerSpecsCheckRequested);
export const retailerWatchdogRequested = inngestType(catalog.retailerWatchdogRequested);
export const retailerListingCheckRequested = inngestType(catalog.retailerListingCheckRequested);
export const webhookDeliveryRequested = inngestType(catalog.webhookDeliveryRequested);
