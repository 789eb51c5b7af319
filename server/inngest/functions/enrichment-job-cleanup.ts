/**
 * enrichment-job-cleanup (DOMAIN.md F5): every 30 minutes, and on `enrichment/cleanup.requested` (which may name the
 * instant and the company), marks stalled jobs stale, supersedes outdated suggestions and applies retention
 * (services/enrichment/cleanup.ts). The clock is `deps.now`, else the event's instant, never a sleep.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import { cleanupCompany, type CleanupCounts } from '../../services/enrichment/cleanup.ts';
import { inngest } from '../client.ts';
import { enrichmentCleanupRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export const ENRICHMENT_CLEANUP_CRON = '*/30 * * * *';

export function enrichmentJobCleanup(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.enrichmentJobCleanup, name: 'Enrichment job cleanup', triggers: [{ cron: ENRICHMENT_CLEANUP_CRON }, enrichmentCleanupRequested], concurrency: { limit: 1 } },
    async ({ event, step }) => {
      const requested = event.name === enrichmentCleanupRequested.name ? (event.data as { companyId?: string; now?: string }) : null;
      const swept = await step.run('sweep', async () => {
        const now = requested?.now ? new Date(requested.now) : deps.now ? deps.now() : new Date();
        const companies = requested?.companyId ? [{ id: requested.companyId }] : await listCompanyIds(deps.db);
        const out: { companyId: string; counts: CleanupCounts; events: Awaited<ReturnType<typeof cleanupCompany>>['events'] }[] = [];
        for (const c of companies) out.push({ companyId: c.id, ...(await withCompany(deps.db, c.id, (tx) => cleanupCompany(tx, c.id, now))) });
        return out;
      });
      const events = swept.flatMap((s) => s.events);
      if (events.length) await step.sendEvent('stale-jobs-completed', events as never);
      const total = (k: keyof CleanupCounts) => swept.reduce((n, s) => n + s.counts[k], 0);
      return { stale: total('stale'), superseded: total('superseded'), shadowResultsDeleted: total('shadowResultsDeleted'), suggestionsDeleted: total('suggestionsDeleted') };
    },
  );
}
