/**
 * enrichment-pipeline (DOMAIN.md F4): on `product/uploaded` with `enrich`, or invoked (a workflow step, a person).
 * Creates the job once per key, fans the products out to `enrichment-batch` child runs (10 products each, so 500
 * products × 4 fields stay far below the 1,000-step limit of any one run), then closes the job: stats with tokens and
 * cost, one review task when suggestions wait for a person, and `enrichment/pipeline.completed`.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { invoke, NonRetriableError } from 'inngest';
import { AppError } from '../../../shared/errors.ts';
import { skillGroups } from '../../services/enrichment/fields.ts';
import { createJob, finishJob, type CallTotals } from '../../services/enrichment/jobs.ts';
import { batches, EnrichRequestSchema, type EnrichRequest } from '../../services/enrichment/request.ts';
import { withCompany } from '../../db/tx.ts';
import { inngest } from '../client.ts';
import { productUploaded } from '../events.ts';
import type { FunctionDeps } from './deps.ts';
import { enrichmentBatchRef } from './enrichment-batch.ts';

export const ENRICHMENT_PIPELINE_ID = FUNCTION_IDS.enrichmentPipeline;

export function enrichmentPipeline(deps: FunctionDeps) {
  const now = deps.now ?? (() => new Date());
  return inngest.createFunction(
    {
      id: ENRICHMENT_PIPELINE_ID,
      name: 'Enrichment pipeline',
      triggers: [{ event: productUploaded, if: 'has(event.data.enrich)' }, invoke(EnrichRequestSchema)],
      retries: 3,
      concurrency: { key: 'event.data.companyId', limit: 2 },
    },
    async ({ event, step, runId }) => {
      const request: EnrichRequest =
        event.name === productUploaded.name
          ? (() => {
              const d = event.data as { companyId: string; productIds: string[]; uploadedBy: string | null; enrich?: { fields: string[]; retailerId?: string } };
              return { companyId: d.companyId, productIds: d.productIds, fields: d.enrich?.fields ?? [], retailerId: d.enrich?.retailerId ?? null, source: 'upload' as const, jobKey: `event:${event.id ?? runId}`, requestedBy: d.uploadedBy };
            })()
          : EnrichRequestSchema.parse(event.data);
      const companyId = request.companyId;

      const job = await step.run('create-job', () =>
        withCompany(deps.db, companyId, (tx) =>
          createJob(
            tx,
            {
              companyId, jobKey: request.jobKey ?? `run:${runId}`, source: request.source ?? (request.workflowRunId ? 'workflow' : 'manual'),
              productIds: request.productIds, fields: request.fields, retailerId: request.retailerId ?? null, workflowRunId: request.workflowRunId ?? null,
              requestedBy: request.requestedBy ?? null, skills: [...new Set(skillGroups(request.fields, new Set(request.fields)).map((g) => g.skill))],
            },
            now(),
          ),
        ).catch((err: unknown) => {
          // A request naming another company's retailer cannot succeed on retry.
          if (err instanceof AppError) throw new NonRetriableError(err.message);
          throw err;
        }),
      );

      const results = await Promise.all(
        batches(job.productIds).map((productIds, i) =>
          step.invoke(`batch-${i}`, { function: enrichmentBatchRef, data: { companyId, jobId: job.jobId, productIds }, timeout: '6h' }) as Promise<CallTotals>,
        ),
      );
      const totals = results.reduce<CallTotals>(
        (t, r) => ({ calls: t.calls + r.calls, inputTokens: t.inputTokens + r.inputTokens, outputTokens: t.outputTokens + r.outputTokens, costUsd: t.costUsd + r.costUsd, model: t.model ?? r.model }),
        { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, model: null },
      );

      const finished = await step.run('finish', () => withCompany(deps.db, companyId, (tx) => finishJob(tx, companyId, job.jobId, totals, now())));
      await step.sendEvent('completed', finished.events as never);
      return finished.summary;
    },
  );
}
