/**
 * workflow-trigger-enrichment with "enrichment completed" triggers, through the real executor (DOMAIN.md F2):
 * category filters narrow the run's products, replays start nothing, a failed job matches only triggers that list
 * `failed`, and a job started by a workflow's own run does not start that workflow again.
 */
import { enrichmentPipelineCompleted, makeEvent, type EventData } from '../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from './testing/harness.ts';

const FN = 'ember-workflows-workflow-trigger-enrichment';
const simple: Graph = graph([trig(), { ...step('x', 'transform', 'action', { mapping: { n: 'size(event.data.productIds)' } }), position: { x: 200, y: 0 } }], [edge('t', 'x')]);

describe.each(dbTargets())('enrichment-completed triggers on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let companyId: string;
  let done = 0;
  const runsOf = async (workflowId: string) =>
    [...(await t.current.database.db.execute<{ id: string; trigger_ref: string; trigger_payload: { productIds: string[] } }>(sql`select id, trigger_ref, trigger_payload from workflow_runs where workflow_id = ${workflowId} order by created_at`))];
  const processed = async (n: number) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [row] = await t.current.database.sql`select count(*) filter (where status = 'completed')::int done, count(*)::int total from ember_exec.runs where function_slug = ${FN}`;
      if (row!.done >= n && row!.done === row!.total) return;
      if (Date.now() > deadline) throw new Error(`trigger runs ${JSON.stringify(row)}, wanted ${n}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const skus = async (list: string[]) => (await t.current.database.sql`select id from products where company_id = ${companyId} and sku in ${t.current.database.sql(list)} order by sku`).map((r) => r.id as string);
  const job = (status: 'completed' | 'partial' | 'failed', productIds: string[], extra: Partial<EventData<typeof enrichmentPipelineCompleted>> = {}) =>
    makeEvent(enrichmentPipelineCompleted, `enrich-${crypto.randomUUID()}`, {
      companyId, jobId: crypto.randomUUID(), status, productIds, fields: ['title'], stats: { suggestions: 5, autoApproved: 3, pendingReview: 2, failed: 0 }, ...extra,
    });
  async function enabled(name: string, trigger: TriggerConfig) {
    const wf = await publishWorkflow(h, name, simple, trigger);
    await h.editor.workflows.setEnabled({ companySlug: SLUG, id: wf.id, enabled: true });
    return wf;
  }

  beforeAll(async () => {
    h = await startHarness(t.current.database);
    companyId = (await t.current.database.sql`select id from companies where slug = ${SLUG}`)[0]!.id as string;
  });
  afterAll(async () => h?.stop());

  it('a job over 3 coffee and 2 soap products: the coffee-only workflow gets 3, the other 5; a replay starts nothing', async () => {
    const coffee = await enabled('Coffee enrichment review', { type: 'enrichment_completed', statuses: ['completed'], categories: ['coffee'] });
    const everything = await enabled('Any enrichment', { type: 'enrichment_completed', statuses: ['completed', 'partial'] });
    const products = await skus(['LPC-GRD-HB-12', 'LPC-WB-ETH-12', 'LPC-POD-FR-24', 'FW-HS-LAV-12', 'FW-HS-UNS-12']);
    const e = job('completed', products);
    await h.sendEvent([e]);
    await processed((done += 1));
    const [c] = await runsOf(coffee.id);
    const [a] = await runsOf(everything.id);
    expect(c!.trigger_payload.productIds).toHaveLength(3);
    expect(a!.trigger_payload.productIds).toHaveLength(5);
    expect(c!.trigger_ref).toBe(`enrichment:${e.data.jobId}`);
    await waitForRun(t.current.database, c!.id, ['completed']);
    await h.sendEvent([{ ...e, id: `replay-${crypto.randomUUID()}` }]);
    await processed((done += 1));
    expect([(await runsOf(coffee.id)).length, (await runsOf(everything.id)).length]).toEqual([1, 1]);
  });

  it('a failed job starts only triggers that list failed; a job from a workflow\'s own run does not restart it', async () => {
    const onFail = await enabled('Enrichment failed', { type: 'enrichment_completed', statuses: ['failed'] });
    const completedOnly = await enabled('Completed only', { type: 'enrichment_completed', statuses: ['completed'], onlyWhenReviewNeeded: true });
    const products = await skus(['TH-JRK-CHK-16']);
    await h.sendEvent([job('failed', products)]);
    await processed((done += 1));
    expect((await runsOf(onFail.id)).length).toBe(1);
    expect((await runsOf(completedOnly.id)).length).toBe(0);
    // completedOnly's own run asks for enrichment; the job that comes back does not start completedOnly again.
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: completedOnly.id, payload: {} });
    await h.sendEvent([job('completed', products, { workflowRunId: runId })]);
    await processed((done += 1));
    expect((await runsOf(completedOnly.id)).map((r) => r.id)).toEqual([runId]);
    await h.sendEvent([job('completed', products, { stats: { suggestions: 1, autoApproved: 1, pendingReview: 0, failed: 0 } })]);
    await processed((done += 1));
    expect((await runsOf(completedOnly.id)).length).toBe(1); // nothing awaits review
  });
});
