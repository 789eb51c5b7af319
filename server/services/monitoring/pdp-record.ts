/**
 * Recording a scored product page (DOMAIN.md F9.5): the compliance row, findings upserted on the partial unique
 * index of open findings (a finding still observed keeps its id and gets a new last_seen_at), open findings no longer
 * observed resolved, and a `pdp_drift` task for each new warning or critical finding (dedupe_key `pdp:<finding>`).
 * One transaction, idempotent per snapshot: a retried step changes nothing and reports the same tasks.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { ComplianceResult, FindingDraft } from './score.ts';
import { taskEvent } from '../tasks/people.ts';

export interface RecordPdpInput {
  companyId: string;
  listingId: string;
  snapshotId: string;
  sku: string;
  retailer: string;
  result: ComplianceResult;
}

export interface RecordedPdp {
  complianceId: string;
  openFindings: { id: string; field: string; classification: string; severity: string; isNew: boolean }[];
  resolved: number;
  /** Tasks still `new` for this listing's open findings: the caller sends task/created (event ids dedupe repeats). */
  newTaskIds: string[];
}

const PRIORITY = { critical: 'urgent', warning: 'medium', info: 'low' } as const;
const LABEL: Record<string, string> = { pack_size_mismatch: 'pack size mismatch', wrong_image: 'wrong hero image', delisted: 'page gone (delisted)', truncated: 'truncated', stale_copy: 'stale copy', material_change: 'changed copy', missing: 'missing', retailer_rewrite: 'retailer rewrite' };

export async function recordPdpResult(db: Db, input: RecordPdpInput, now: Date): Promise<RecordedPdp> {
  const { companyId, listingId, snapshotId, result } = input;
  const at = now.toISOString();
  return withCompany(db, companyId, async (tx) => {
    const s = result.scores;
    const ins = await tx.execute<{ id: string }>(sql`
      insert into pdp_compliance (company_id, snapshot_id, listing_id, title_score, bullets_score, description_score, image_score, overall_score, band, computed_at)
      values (${companyId}, ${snapshotId}, ${listingId}, ${s.title}, ${s.bullets}, ${s.description}, ${s.image}, ${result.overall}, ${result.band}, ${at}::timestamptz)
      on conflict (snapshot_id) do nothing returning id`);
    const [compliance] = ins.length ? ins : await tx.execute<{ id: string }>(sql`select id from pdp_compliance where snapshot_id = ${snapshotId}`);

    const openFindings: RecordedPdp['openFindings'] = [];
    for (const f of result.findings) {
      const [row] = await tx.execute<{ id: string; is_new: boolean; task_id: string | null }>(sql`
        insert into pdp_drift_findings (company_id, listing_id, snapshot_id, field, expected, observed, similarity, classification, severity, explanation, status, first_seen_at, last_seen_at)
        values (${companyId}, ${listingId}, ${snapshotId}, ${f.field}, ${JSON.stringify(f.expected ?? null)}::jsonb, ${JSON.stringify(f.observed ?? null)}::jsonb, ${f.similarity},
          ${f.classification}, ${f.severity}, ${f.explanation}, 'open', ${at}::timestamptz, ${at}::timestamptz)
        on conflict (listing_id, field) where status = 'open' do update set
          snapshot_id = excluded.snapshot_id, expected = excluded.expected, observed = excluded.observed, similarity = excluded.similarity,
          classification = excluded.classification, severity = excluded.severity, explanation = excluded.explanation,
          last_seen_at = greatest(pdp_drift_findings.last_seen_at, excluded.last_seen_at)
        returning id, (xmax = 0) as is_new, task_id`);
      openFindings.push({ id: row!.id, field: f.field, classification: f.classification, severity: f.severity, isNew: row!.is_new });
      // Only a finding seen for the first time opens work; one still open already has (or never needed) its task.
      if (row!.is_new && f.severity !== 'info') await openTask(tx, input, row!.id, f, at);
    }
    const keep = openFindings.map((f) => f.id);
    const resolved = await tx.execute(sql`
      update pdp_drift_findings set status = 'resolved', resolved_at = ${at}::timestamptz
      where listing_id = ${listingId} and status = 'open' and id::text <> all(${`{${keep.join(',')}}`}::text[])
      returning id`);
    const tasks = await tx.execute<{ id: string }>(sql`
      select t.id from pdp_drift_findings f join tasks t on t.id = f.task_id
      where f.listing_id = ${listingId} and f.status = 'open' and t.status = 'new' order by t.id`);
    return { complianceId: compliance!.id, openFindings, resolved: resolved.length, newTaskIds: tasks.map((t) => t.id) };
  });
}

/** The finding's task, status `new` for the orchestrator to route. */
async function openTask(tx: Parameters<Parameters<Db['transaction']>[0]>[0], input: RecordPdpInput, findingId: string, f: FindingDraft, at: string) {
  const dedupeKey = `pdp:${findingId}`;
  const title = `${input.sku} at ${input.retailer}: ${LABEL[f.classification] ?? f.classification} (${f.field})`;
  const raw = { findingId, listingId: input.listingId, field: f.field, classification: f.classification, severity: f.severity, expected: f.expected, observed: f.observed, similarity: f.similarity };
  const created = await tx.execute<{ id: string }>(sql`
    insert into tasks (company_id, type, title, description, status, priority, product_id, retailer_id, source_type, source_id, raw, dedupe_key, created_at, updated_at, last_activity_at)
    select ${input.companyId}, 'pdp_drift', ${title}, ${f.explanation}, 'new', ${PRIORITY[f.severity]}, l.product_id, l.retailer_id, 'pdp_finding', ${findingId},
      ${JSON.stringify(raw)}::jsonb, ${dedupeKey}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
    from listings l where l.id = ${input.listingId}
    on conflict (company_id, dedupe_key) do nothing returning id`);
  const [task] = created.length ? created : await tx.execute<{ id: string }>(sql`select id from tasks where company_id = ${input.companyId} and dedupe_key = ${dedupeKey}`);
  await tx.execute(sql`update pdp_drift_findings set task_id = ${task!.id} where id = ${findingId}`);
  if (created.length) await taskEvent(tx, input.companyId, task!.id, 'created', { source: 'watchdog', findingId }, new Date(at), { actorId: 'watchdog-runner' });
}
