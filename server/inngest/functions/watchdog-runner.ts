/**
 * watchdog-runner (DOMAIN.md F9): every 6 hours (UTC), on `retailer/watchdog.requested`, and invoked by the canvas
 * `check_listings` step, checks the watched listings' product pages. Each listing is its own invoked run of
 * `watchdog-listing` (all in parallel, concurrency per retailer there), so one slow or failing page neither blocks
 * nor fails the sweep; the runner only lists and sums up.
 */
import { referenceFunction } from 'inngest';
import { listWatchTargets } from '../../services/monitoring/watch-targets.ts';
import { inngest } from '../client.ts';
import { retailerWatchdogRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';
import { WATCHDOG_LISTING_ID, type ListingCheckOutput } from './watchdog-listing.ts';

export const WATCHDOG_RUNNER_ID = 'watchdog-runner';
export const WATCHDOG_CRON = 'TZ=UTC 0 */6 * * *';

const listingRef = referenceFunction({ functionId: WATCHDOG_LISTING_ID });

export interface WatchdogSummary {
  listings: number;
  /** The lowest overall score of the listings checked (null: none could be scored) and its band. */
  score: number | null;
  band: string | null;
  /** Warning and critical findings observed in this sweep. */
  findings: number;
  critical: number;
  failed: number;
  results: ListingCheckOutput[];
}

export function watchdogRunner(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: WATCHDOG_RUNNER_ID, name: 'Watchdog', triggers: [{ cron: WATCHDOG_CRON }, retailerWatchdogRequested], concurrency: { limit: 2 }, retries: 2 },
    async ({ event, step }): Promise<WatchdogSummary> => {
      const data = (event.data ?? {}) as { companyId?: string; listingIds?: string[]; productIds?: string[]; retailer?: string; sweepKey?: string };
      const sweepKey = data.sweepKey ?? `sweep:${event.id ?? event.ts}`;
      const targets = await step.run('list-listings', () => listWatchTargets(deps.db, data));
      const results = await Promise.all(
        targets.map((t) =>
          (step.invoke(`listing:${t.listingId}`, { function: listingRef, data: { companyId: t.companyId, listingId: t.listingId, sweepKey, retailer: t.retailer }, timeout: '10m' }) as Promise<ListingCheckOutput>).catch(
            (err: unknown): ListingCheckOutput => ({ listingId: t.listingId, status: 'skipped', score: null, band: null, findings: [], critical: 0, error: (err as Error).message.slice(0, 300) }),
          ),
        ),
      );
      const scored = results.filter((r) => r.score !== null);
      const worst = scored.reduce<ListingCheckOutput | null>((w, r) => (w === null || r.score! < w.score! ? r : w), null);
      return {
        listings: targets.length,
        score: worst?.score ?? null,
        band: worst?.band ?? null,
        findings: results.reduce((n, r) => n + r.findings.filter((f) => f.severity !== 'info').length, 0),
        critical: results.reduce((n, r) => n + r.critical, 0),
        failed: results.filter((r) => r.error).length,
        results,
      };
    },
  );
}
