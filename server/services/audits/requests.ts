/**
 * The audit agent's two entries: the nightly audit of every company (one audit per company, retailer and night in
 * the company's time zone) and an audit on request (an event: a person, a workflow's emit step).
 */
import type { Db } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { auditCompletedEvent, runAudit, type AuditOutcome } from './run-audit.ts';

export interface AuditRun {
  companyId: string;
  audits: AuditOutcome[];
  events: CatalogEvent[];
}

/** The calendar date of `now` in `timezone`, e.g. 2026-03-02: the nightly audit's key. */
export function localDate(now: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export async function runNightlyAudits(db: Db, now: Date): Promise<AuditRun[]> {
  const out: AuditRun[] = [];
  for (const company of await listCompanyIds(db)) {
    const key = `nightly:${localDate(now, company.timezone)}`;
    out.push(await auditCompany(db, company.id, { trigger: 'schedule', key, now }));
  }
  return out;
}

export interface AuditRequestData {
  companyId: string;
  retailer?: string | undefined;
  retailers?: string[] | undefined;
  productIds?: string[] | undefined;
  workflowRunId?: string | undefined;
  requestedBy?: string | undefined;
}

export async function runRequestedAudit(db: Db, eventId: string, data: AuditRequestData, now: Date): Promise<AuditRun> {
  const retailers = [...(data.retailers ?? []), ...(data.retailer ? [data.retailer] : [])];
  return auditCompany(db, data.companyId, {
    trigger: data.workflowRunId ? 'workflow' : 'manual',
    key: `event:${eventId}`,
    now,
    ...(retailers.length ? { retailerCodes: retailers } : {}),
    ...(data.productIds?.length ? { productIds: data.productIds } : {}),
    ...(data.workflowRunId ? { workflowRunId: data.workflowRunId } : {}),
    ...(data.requestedBy ? { requestedBy: data.requestedBy } : {}),
  });
}

async function auditCompany(db: Db, companyId: string, req: Omit<Parameters<typeof runAudit>[1], 'companyId'>): Promise<AuditRun> {
  const audits = await withCompany(db, companyId, (tx) => runAudit(tx, { companyId, ...req }));
  return { companyId, audits, events: audits.map((a) => auditCompletedEvent(companyId, a)) };
}
