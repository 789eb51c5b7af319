/**
 * watchdog-runner (DOMAIN.md F9): every 6 hours (UTC) and on `retailer/watchdog.requested`, fans a sweep out as one
 * `retailer/listing.check.requested` event per watched listing, so each page is its own `watchdog-listing` run
 * (concurrency per retailer there) and one slow or failing page neither blocks nor fails the rest. Invoked by the
 * canvas `check_listings` step, it checks the product's few listings itself and returns their scores.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { makeEvent, retailerListingCheckRequested as listingCheck } from '../../../shared/events/index.ts';
import { listWatchTargets } from '../../services/monitoring/watch-targets.ts';
import { inngest } from '../client.ts';
import { retailerListingCheckRequested, retailerWatchdogRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';
import type { ListingCheckOutput, WatchdogSummary } from '../../services/monitoring/watchdog-summary.ts';
import { checkListingSteps } from './watchdog-listing.ts';

export const WATCHDOG_RUNNER_ID = FUNCTION_IDS.watchdogRunner;
export const WATCHDOG_CRON = 'TZ=UTC 0 */6 * * *';

const INVOKED = 'inngest/function.invoked';


export function watchdogRunner(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: WATCHDOG_RUNNER_ID, name: 'Watchdog', triggers: [{ cron: WATCHDOG_CRON }, retailerWatchdogRequested], concurrency: { limit: 2 }, retries: 2 },
    async ({ event, step }): Promise<WatchdogSummary | { listings: number; fannedOut: number }> => {
      const data = (event.data ?? {}) as { companyId?: string; listingIds?: string[]; productIds?: string[]; retailer?: string; sweepKey?: string };
      const sweepKey = data.sweepKey ?? `sweep:${event.id ?? event.ts}`;
      const targets = await step.run('list-listings', () => listWatchTargets(deps.db, data));
      if (event.name !== INVOKED) {
        // A sweep: one event per listing; each page is checked by its own run of watchdog-listing.
        if (targets.length) {
          await step.sendEvent('fan-out', targets.map((t) => makeEvent(listingCheck, `watch:${sweepKey}:${t.listingId}`, { companyId: t.companyId, listingId: t.listingId, sweepKey, retailer: t.retailer })));
        }
        return { listings: targets.length, fannedOut: targets.length };
      }
      // Invoked by a workflow step for a product's few listings: checked here, so the step gets the scores back.
      const results: ListingCheckOutput[] = [];
      for (const t of targets) {
        try {
          results.push(await checkListingSteps(deps, step, { companyId: t.companyId, listingId: t.listingId, sweepKey, retailer: t.retailer }, `${t.listingId}:`));
        } catch (err) {
          results.push({ listingId: t.listingId, status: 'skipped', score: null, band: null, findings: [], critical: 0, error: (err as Error).message.slice(0, 300) });
        }
      }
      return summarize(targets.length, results);
    },
  );
}

export function summarize(listings: number, results: ListingCheckOutput[]): WatchdogSummary {
  const scored = results.filter((r) => r.score !== null);
  const worst = scored.reduce<ListingCheckOutput | null>((w, r) => (w === null || r.score! < w.score! ? r : w), null);
  return {
    listings,
    score: worst?.score ?? null,
    band: worst?.band ?? null,
    findings: results.reduce((n, r) => n + r.findings.filter((f) => f.severity !== 'info').length, 0),
    critical: results.reduce((n, r) => n + r.critical, 0),
    failed: results.filter((r) => r.error).length,
    results,
  };
}
