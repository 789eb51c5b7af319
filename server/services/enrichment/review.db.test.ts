/**
 * Reviewing suggestions through the tRPC router on the seeded history: the grouped list, accept (through the catalog
 * write path: value, history as the person, field.changed after commit), edit-then-accept, reject, bulk — and the
 * refusals: a decided suggestion is never decided again, an invalid edit writes nothing, viewers cannot decide.
 */
import { dataOf } from '../../../shared/events/index.ts';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';

const slug = { companySlug: 'copper-kettle' };

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe.each(dbTargets())('suggestion review on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const sent: CatalogEvent[] = [];
  let editor: Caller;
  let viewer: Caller;
  let editorId: string;
  let jobId: string;
  const byKey = new Map<string, string>();

  beforeAll(async () => {
    const db = t.current.database.db;
    const e = await callerAs(db, 'marcus@copperkettle.example', async (events) => void sent.push(...events));
    editor = e.caller;
    editorId = e.user.id;
    viewer = (await callerAs(db, 'hannah@copperkettle.example')).caller;
    const [job] = await db.execute<{ id: string }>(sql`select id from enrichment_jobs where job_key = 'seed:enrichment:coffee'`);
    jobId = job!.id;
    const rows = await db.execute<{ id: string; sku: string; attribute_code: string }>(sql`
      select s.id, p.sku, s.attribute_code from enrichment_suggestions s join products p on p.id = s.product_id where s.job_id = ${jobId} and s.status = 'pending'`);
    for (const r of rows) byKey.set(`${r.sku}:${r.attribute_code}`, r.id);
  });

  const value = async (sku: string, attribute: string) => {
    const [r] = await t.current.database.db.execute<{ value: unknown; source: string }>(sql`
      select v.value, v.source from product_values v join products p on p.id = v.product_id where p.sku = ${sku} and p.company_id = (select id from companies where slug = 'copper-kettle') and v.attribute_code = ${attribute} and v.channel_code = ''`);
    return r ?? null;
  };
  const status = async (id: string) => (await t.current.database.db.execute<{ status: string; reviewed_by: string | null }>(sql`select status, reviewed_by from enrichment_suggestions where id = ${id}`))[0];

  it('lists the seeded job\'s 9 pending suggestions grouped by product, with current value, confidence, evidence and validation', async () => {
    const list = await editor.enrichment.suggestions({ ...slug, jobId });
    expect(list.total).toBe(9);
    expect(list.products.flatMap((p) => p.suggestions)).toHaveLength(9);
    expect(list.products.map((p) => p.sku)).toEqual([...list.products.map((p) => p.sku)].sort());
    const haz = list.products.find((p) => p.sku === 'LPC-GRD-HAZ-12')!.suggestions.find((s) => s.attribute === 'title')!;
    expect(haz).toMatchObject({ attribute: 'title', attributeLabel: 'Title', currentValue: { text: 'Lantern Peak Hazelnut Coffee - BEST SELLER!! Free Shipping, 12 oz' }, suggestedValue: { text: 'Lantern Peak Hazelnut Flavored Ground Coffee, Medium Roast, 12 oz' }, confidence: 0.86, status: 'pending' });
    expect(haz.evidence[0]).toMatchObject({ quote: 'Lantern Peak Hazelnut' });
    const coo = list.products.find((p) => p.sku === 'LPC-GRD-FR-10')!.suggestions[0]!;
    expect(coo.validation.map((v) => v.rule)).toEqual(['EVIDENCE_NOT_FOUND']);
    // Viewers may read the list.
    expect((await viewer.enrichment.suggestions(slug)).total).toBe(11);
  });

  it('accepts through the catalog write path once; a second decision is a CONFLICT and writes nothing', async () => {
    const id = byKey.get('LPC-GRD-HAZ-12:title')!;
    sent.length = 0;
    const res = await editor.enrichment.accept({ ...slug, id });
    expect(res.decided).toEqual([{ id, status: 'applied', changed: true }]);
    expect(await value('LPC-GRD-HAZ-12', 'title')).toEqual({ value: { text: 'Lantern Peak Hazelnut Flavored Ground Coffee, Medium Roast, 12 oz' }, source: 'manual' });
    expect(await status(id)).toEqual({ status: 'applied', reviewed_by: editorId });
    const [h] = await t.current.database.db.execute<{ actor_type: string; actor_id: string }>(sql`
      select actor_type, actor_id from product_field_history where attribute_code = 'title' and product_id = (select product_id from enrichment_suggestions where id = ${id}) order by id desc limit 1`);
    expect(h).toEqual({ actor_type: 'user', actor_id: editorId });
    expect(sent.map((e) => [e.name, dataOf(e, 'product/field.changed').actor.type])).toEqual([['product/field.changed', 'user']]);

    const history = await t.current.database.db.execute(sql`select id from product_field_history`);
    expect(await code(editor.enrichment.accept({ ...slug, id }))).toBe('CONFLICT');
    expect(await code(editor.enrichment.reject({ ...slug, id }))).toBe('CONFLICT');
    expect((await t.current.database.db.execute(sql`select id from product_field_history`)).length).toBe(history.length);
    expect(await status(id)).toEqual({ status: 'applied', reviewed_by: editorId });
  });

  it('accepts an edited value, refuses an invalid edit without writing, rejects without touching the product', async () => {
    const roast = byKey.get('LPC-GRD-DEC-12:roast_level')!;
    expect(await code(editor.enrichment.accept({ ...slug, id: roast, value: { option: 'blonde' } }))).toBe('BAD_REQUEST');
    expect(await status(roast)).toMatchObject({ status: 'pending' });
    expect(await value('LPC-GRD-DEC-12', 'roast_level')).toBeNull();
    await editor.enrichment.accept({ ...slug, id: roast, value: { option: 'dark' } });
    expect(await value('LPC-GRD-DEC-12', 'roast_level')).toEqual({ value: { option: 'dark' }, source: 'manual' });
    const [edited] = await t.current.database.db.execute<{ suggested_value: unknown; rules: string[] }>(sql`
      select suggested_value, (select array_agg(v->>'rule') from jsonb_array_elements(validation) v) as rules from enrichment_suggestions where id = ${roast}`);
    expect(edited).toEqual({ suggested_value: { option: 'dark' }, rules: ['EDITED_BY_REVIEWER'] });

    const coo = byKey.get('LPC-GRD-FR-10:country_of_origin')!;
    await editor.enrichment.reject({ ...slug, id: coo });
    expect(await status(coo)).toEqual({ status: 'rejected', reviewed_by: editorId });
    expect(await value('LPC-GRD-FR-10', 'country_of_origin')).toBeNull();
  });

  it('decides many at once, all or nothing; viewers are refused; the review task closes when nothing is left', async () => {
    const caffeine = byKey.get('LPC-GRD-DEC-12:caffeine_content')!;
    const net = byKey.get('LPC-GRD-HAZ-12:ingredients')!;
    const decided = byKey.get('LPC-GRD-HAZ-12:title')!;
    expect(await code(viewer.enrichment.decideMany({ ...slug, ids: [caffeine, net], decision: 'accept' }))).toBe('FORBIDDEN');
    expect(await code(viewer.enrichment.accept({ ...slug, id: caffeine }))).toBe('FORBIDDEN');
    // One of them is already decided: nothing of the set is applied.
    expect(await code(editor.enrichment.decideMany({ ...slug, ids: [caffeine, decided], decision: 'accept' }))).toBe('CONFLICT');
    expect(await status(caffeine)).toMatchObject({ status: 'pending' });
    expect(await code(editor.enrichment.decideMany({ ...slug, ids: [caffeine, '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11'], decision: 'reject' }))).toBe('NOT_FOUND');

    const res = await editor.enrichment.decideMany({ ...slug, ids: [caffeine, net], decision: 'accept' });
    expect(res.decided.map((d) => d.status)).toEqual(['applied', 'applied']);
    expect(await value('LPC-GRD-DEC-12', 'caffeine_content')).toMatchObject({ value: { option: 'decaffeinated' } });
    expect(await value('LPC-GRD-HAZ-12', 'ingredients')).toMatchObject({ value: { text: 'Arabica coffee, natural and artificial hazelnut flavor' } });

    const [task] = await t.current.database.db.execute<{ status: string }>(sql`select status from tasks where dedupe_key = 'seed:T4'`);
    expect(task!.status).not.toBe('done');
    const rest = [...byKey.values()].filter((id) => ![caffeine, net, decided, byKey.get('LPC-GRD-DEC-12:roast_level'), byKey.get('LPC-GRD-FR-10:country_of_origin')].includes(id));
    expect(rest).toHaveLength(4);
    await editor.enrichment.decideMany({ ...slug, ids: rest, decision: 'reject' });
    expect((await editor.enrichment.suggestions({ ...slug, jobId })).total).toBe(0);
    const [closed] = await t.current.database.db.execute<{ status: string }>(sql`select status from tasks where dedupe_key = 'seed:T4'`);
    expect(closed!.status).toBe('done');
  });
});
