/**
 * change-sentinel-runner (DOMAIN.md F8): daily at 06:00 UTC, on `retailer/specs.check.requested`, and invoked by the
 * canvas `check_retailer_specs` step, fetches every spec target's spec (services/monitoring/spec-check.ts), and for
 * each change asks Claude (`summarize_spec_change`) for an ops summary — falling back to a deterministic one when
 * Claude is not configured or the call fails, so a Claude outage never hides a spec change — then records the
 * change and its task and sends `task/created`.
 */
import type { SentinelSummary } from '../../services/monitoring/sentinel-summary.ts';
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { makeEvent, taskCreated } from '../../../shared/events/index.ts';
import { claudeConfigFromEnv } from '../../services/ai/config.ts';
import { callSkill } from '../../services/ai/invocation.ts';
import { deterministicSummary } from '../../services/monitoring/impact.ts';
import { checkSpecTarget, type SpecCheckResult } from '../../services/monitoring/spec-check.ts';
import { recordSpecChange, type SpecChangeToRecord } from '../../services/monitoring/spec-record.ts';
import { listSpecTargets } from '../../services/monitoring/spec-targets.ts';
import { inngest } from '../client.ts';
import { retailerSpecsCheckRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export const CHANGE_SENTINEL_ID = FUNCTION_IDS.changeSentinelRunner;
export const CHANGE_SENTINEL_CRON = 'TZ=UTC 0 6 * * *';

const RANK = { low: 0, medium: 1, high: 2 } as const;


export function changeSentinelRunner(deps: FunctionDeps) {
  const claude = deps.claude ?? claudeConfigFromEnv();
  const now = () => (deps.now ?? (() => new Date()))();
  return inngest.createFunction(
    { id: CHANGE_SENTINEL_ID, name: 'Change sentinel', triggers: [{ cron: CHANGE_SENTINEL_CRON }, retailerSpecsCheckRequested], concurrency: { limit: 1 }, retries: 3 },
    async ({ event, step }): Promise<SentinelSummary> => {
      const data = (event.data ?? {}) as { companyId?: string; retailer?: string };
      const targets = await step.run('list-targets', () => listSpecTargets(deps.db, { companyId: data.companyId, retailerCode: data.retailer }));
      const changes: SentinelSummary['changes'] = [];
      const problems: SentinelSummary['problems'] = [];
      for (const target of targets) {
        const key = `${target.companyId}:${target.retailerCode}:${target.specKey}`;
        const result = (await step.run(`check:${key}`, () => checkSpecTarget(deps.db, target, deps.allowlist, now()))) as SpecCheckResult;
        if (result.status === 'refused' || result.status === 'error') problems.push({ retailer: target.retailerCode, specKey: target.specKey, status: result.status, error: result.error });
        if (result.status !== 'changed') continue;

        let summary = deterministicSummary({ retailer: target.retailerName, productType: target.specKey, fromVersion: result.fromLabel, toVersion: result.toLabel, diff: result.diff, affected: result.affected.length });
        let severity = result.severity;
        let summarizedBy: SpecChangeToRecord['summarizedBy'] = { source: 'fallback', reason: 'Claude is not configured' };
        if (claude.apiKey) {
          try {
            const out = await callSkill(step, `summarize:${key}:${result.toLabel}`, {
              companyId: target.companyId,
              skill: 'summarize_spec_change',
              input: {
                retailer: target.retailerName, productType: target.specKey, fromVersion: result.fromLabel, toVersion: result.toLabel,
                diff: { addedRequired: result.diff.addedRequired, removedRequired: result.diff.removedRequired, addedProps: result.diff.addedProps, removedProps: result.diff.removedProps, constraintChanges: result.diff.constraintChanges, mapped: result.diff.mapped },
                affectedProducts: result.affected.map((a) => ({ sku: a.sku, reasons: a.reasons })),
              },
              correlation: {},
            });
            summary = String(out.output.summary);
            // Claude may raise the severity, never lower what the structural rules found.
            const suggested = out.output.severity as keyof typeof RANK;
            if (RANK[suggested] > RANK[severity]) severity = suggested;
            summarizedBy = { source: 'claude', agentRunId: out.agentRunId };
          } catch (err) {
            summarizedBy = { source: 'fallback', reason: `Claude failed: ${(err as Error).message.slice(0, 200)}` };
          }
        }
        if (summarizedBy.source === 'fallback') summary = `${summary} (Summary written without Claude: ${summarizedBy.reason}.)`;
        const change: SpecChangeToRecord = { ...result, severity, summary, summarizedBy };
        const recorded = await step.run(`record:${key}:${result.toLabel}`, () => recordSpecChange(deps.db, target, change, now()));
        if (recorded.taskId) await step.sendEvent(`task-created:${recorded.taskId}`, makeEvent(taskCreated, `task-created:${recorded.taskId}`, { companyId: target.companyId, taskId: recorded.taskId }));
        changes.push({ companyId: target.companyId, retailer: target.retailerCode, specKey: target.specKey, version: result.toLabel, specChangeId: recorded.specChangeId, taskId: recorded.taskId, severity, affectedProducts: result.affected.length, summarizedBy: summarizedBy.source });
      }
      return { checked: targets.length, changes, problems };
    },
  );
}
