/**
 * audit-agent: nightly at 02:00 Chicago time for every company, and on `audit/requested`, audits products against each
 * retailer's spec and text rules (services/audits), writes findings and a score, and emits `audit/completed`.
 * The Claude copy review (DOMAIN.md F13 step 3) belongs to the AI issue.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { runNightlyAudits, runRequestedAudit } from '../../services/audits/requests.ts';
import { inngest } from '../client.ts';
import { auditRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export const NIGHTLY_AUDIT_CRON = 'TZ=America/Chicago 0 2 * * *';

export function auditAgent(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.auditAgent, name: 'Audit agent', triggers: [{ cron: NIGHTLY_AUDIT_CRON }, auditRequested], concurrency: { limit: 2 } },
    async ({ event, step }) => {
      const now = new Date(event.ts ?? Date.now());
      const runs =
        event.name === auditRequested.name
          ? [await step.run('audit-request', () => runRequestedAudit(deps.db, event.id ?? `${event.name}:${event.ts}`, event.data as Parameters<typeof runRequestedAudit>[2], now))]
          : await step.run('audit-nightly', () => runNightlyAudits(deps.db, now));
      const events = runs.flatMap((r) => r.events);
      if (events.length) await step.sendEvent('audits-completed', events as never);
      return { audits: runs.flatMap((r) => r.audits.map((a) => ({ companyId: r.companyId, retailer: a.retailerCode, score: a.score, grade: a.grade, errors: a.errorCount, warnings: a.warningCount }))) };
    },
  );
}
