/**
 * watchdog-listing (DOMAIN.md F9, per listing): one product page of a watchdog sweep, run as its own function so a
 * slow page never holds up the others, with concurrency per retailer to stay polite. Fetch and score
 * (services/monitoring/pdp-check.ts); ambiguous text goes to Claude `classify_pdp_drift` (deterministic without
 * Claude); then the compliance row, findings and tasks (pdp-record.ts) and `task/created` for the new tasks.
 */
import type { ListingCheckOutput } from '../../services/monitoring/watchdog-summary.ts';
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { makeEvent, taskCreated } from '../../../shared/events/index.ts';
import { claudeConfigFromEnv } from '../../services/ai/config.ts';
import { callSkill } from '../../services/ai/invocation.ts';
import { defaultAssetStore } from '../../services/assets/store.ts';
import { classifyDeterministic, type FindingDraft } from '../../services/monitoring/score.ts';
import { checkPdp, type PdpCheck, type PdpNotScored, type PdpScored } from '../../services/monitoring/pdp-check.ts';
import { recordPdpResult, type RecordedPdp } from '../../services/monitoring/pdp-record.ts';
import { inngest } from '../client.ts';
import { retailerListingCheckRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export const WATCHDOG_LISTING_ID = FUNCTION_IDS.watchdogListing;


export interface ListingCheckInput {
  companyId: string;
  listingId: string;
  sweepKey: string;
  retailer: string;
}

/** The slice of Inngest's step tools this work uses (both callers pass their own `step`). */
interface StepTools {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sendEvent(id: string, events: { id: string; name: string; data: Record<string, unknown> }[]): Promise<unknown>;
}

const flat = (v: unknown) => (Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : JSON.stringify(v ?? ''));

/** The per-listing work as durable steps of the calling function (ids prefixed), shared by both entry points. */
export async function checkListingSteps(deps: FunctionDeps, step: StepTools, input: ListingCheckInput, prefix = ''): Promise<ListingCheckOutput> {
  const claude = deps.claude ?? claudeConfigFromEnv();
  const assets = deps.assets ?? defaultAssetStore();
  const now = () => (deps.now ?? (() => new Date()))();
  const checked = (await step.run(`${prefix}check-page`, () => checkPdp(deps.db, input, { allowlist: deps.allowlist, assets }, now()))) as PdpCheck;
  if (checked.status === 'refused' || checked.status === 'skipped') {
    const c = checked as PdpNotScored;
    return { listingId: input.listingId, status: c.status, score: null, band: null, findings: [], critical: 0, error: c.error };
  }
  const check = checked as PdpScored;

  const findings: FindingDraft[] = [];
  for (const f of check.result.findings) {
    if (!f.ambiguous) {
      findings.push(f);
      continue;
    }
    let verdict = classifyDeterministic(f);
    if (claude.apiKey) {
      try {
        const out = await callSkill(step, `${prefix}classify:${check.snapshotId}:${f.field}`, {
          companyId: input.companyId,
          skill: 'classify_pdp_drift',
          input: { sku: check.sku, retailer: check.retailer, field: f.field, expected: flat(f.expected), observed: flat(f.observed), similarity: f.similarity ?? 0 },
          correlation: { listingId: input.listingId },
        });
        verdict = { classification: out.output.classification as FindingDraft['classification'], severity: out.output.severity as FindingDraft['severity'], explanation: String(out.output.explanation) };
      } catch (err) {
        verdict = { ...verdict, explanation: `${verdict.explanation} Claude failed: ${(err as Error).message.slice(0, 160)}` };
      }
    }
    findings.push({ ...f, ...verdict, ambiguous: false });
  }
  const result = { ...check.result, findings };
  const recorded = (await step.run(`${prefix}record`, () =>
    recordPdpResult(deps.db, { companyId: input.companyId, listingId: input.listingId, snapshotId: check.snapshotId, sku: check.sku, retailer: check.retailer, result }, now()),
  )) as RecordedPdp;
  if (recorded.newTaskIds.length) {
    await step.sendEvent(`${prefix}tasks-created`, recorded.newTaskIds.map((taskId) => makeEvent(taskCreated, `task-created:${taskId}`, { companyId: input.companyId, taskId })));
  }
  return {
    listingId: input.listingId,
    status: check.status,
    score: result.overall,
    band: result.band,
    findings: findings.map((f) => ({ field: f.field, classification: f.classification, severity: f.severity })),
    critical: findings.filter((f) => f.severity === 'critical').length,
  };
}

export function watchdogListing(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: WATCHDOG_LISTING_ID, name: 'Watchdog: one listing', triggers: [retailerListingCheckRequested], concurrency: { key: 'event.data.retailer', limit: 4 }, retries: 2 },
    async ({ event, step }): Promise<ListingCheckOutput> => checkListingSteps(deps, step, event.data),
  );
}
