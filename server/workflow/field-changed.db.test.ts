/**
 * workflow-trigger-field-changed through the real executor (DOMAIN.md F3): a burst of edits is one run carrying every
 * change, an unwatched field starts nothing, a workflow's own write never retriggers it (while other workflows still
 * see it), and replaying an event starts nothing new.
 */
import { makeEvent, productFieldChanged, type EventData } from '../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from './testing/harness.ts';

const FN = 'ember-workflows-workflow-trigger-field-changed';
const place = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 } })) });
const collect = place(graph([trig(), step('x', 'transform', 'action', { mapping: { changed: 'event.data.changes.map(c, c.attribute)' } })], [edge('t', 'x')]));

interface RunRow {
  [key: string]: unknown;
  id: string;
  status: string;
  trigger_payload: { changes: { attribute: string; originRunId: string | null; new: unknown }[]; depth: number; originRunId?: string };
}

describe.each(dbTargets())('field-changed triggers on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  const db = () => t.current.database.db;
  const productId = async (sku: string) => (await t.current.database.sql`select id from products where sku = ${sku} and company_id = (select id from companies where slug = ${SLUG})`)[0]!.id as string;
  const runsOf = async (workflowId: string) => [...(await db().execute<RunRow>(sql`select id, status::text, trigger_payload from workflow_runs where workflow_id = ${workflowId} order by created_at, id`))];
  /** Waits until the trigger function has finished `n` runs in total (each debounced burst is one). */
  const triggerRunsDone = async (n: number) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await t.current.database.sql`select count(*) filter (where status = 'completed')::int done, count(*)::int total from ember_exec.runs where function_slug = ${FN}`;
      if (row!.done >= n && row!.done === row!.total) return;
      if (Date.now() > deadline) throw new Error(`trigger runs: ${JSON.stringify(row)}, wanted ${n}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const edit = (id: string, attribute: string, value: unknown) => h.editor.products.updateField({ companySlug: SLUG, id, attribute, value });
  let done = 0;

  beforeAll(async () => {
    // Edits of one burst here are milliseconds apart; 2 s keeps them one burst and the file fast.
    h = await startHarness(t.current.database, { fieldChangedDebounce: { period: '2s', timeout: '1m' } });
  });
  afterAll(async () => h?.stop());

  async function enabled(name: string, g: Graph, fields: string[], categories?: string[]) {
    const wf = await publishWorkflow(h, name, g, { type: 'field_changed', fields, ...(categories ? { categories } : {}) });
    await h.editor.workflows.setEnabled({ companySlug: SLUG, id: wf.id, enabled: true });
    return wf;
  }

  it('a burst of edits to watched fields is one run with every change; an unwatched field starts nothing', async () => {
    const wf = await enabled('Watch flavor and roast', collect, ['flavor', 'roast_level'], ['coffee']);
    const id = await productId('LPC-WB-ETH-12');
    await edit(id, 'flavor', { text: 'Ethiopia Yirgacheffe Kochere' });
    await edit(id, 'roast_level', { option: 'medium' });
    await triggerRunsDone((done += 1));
    const [run, ...more] = await runsOf(wf.id);
    expect(more).toEqual([]);
    expect(run!.trigger_payload.changes.map((c) => [c.attribute, c.new])).toEqual([['flavor', { text: 'Ethiopia Yirgacheffe Kochere' }], ['roast_level', { option: 'medium' }]]);
    await waitForRun(t.current.database, run!.id, ['completed']);

    await edit(id, 'msrp', { USD: '15.49' });
    await triggerRunsDone((done += 1));
    expect(await runsOf(wf.id)).toHaveLength(1);
  });

  it('the category filter: a watched field of a product in another category starts nothing', async () => {
    const wf = await enabled('Scent on soap only', collect, ['flavor', 'scent'], ['hand_soap']);
    await edit(await productId('TH-JRK-CHK-16'), 'flavor', { text: 'Smoked Chicken' });
    await triggerRunsDone((done += 1));
    expect(await runsOf(wf.id)).toEqual([]);
  });

  it("a workflow's own write never retriggers it; another workflow watching the field sees it, one level deeper", async () => {
    const writer = await enabled(
      'Normalise ingredients',
      place(graph([trig(), step('w', 'update_product_field', 'action', { attribute: 'ingredients', value: "event.data.changes[0].new.text + ' (checked)'" })], [edge('t', 'w')])),
      ['ingredients'],
    );
    const watcher = await enabled('Ingredients watcher', collect, ['ingredients']);
    const id = await productId('TH-SP-PUMP-10');
    await edit(id, 'ingredients', { text: 'Pumpkin, Sweet Potato' });
    await triggerRunsDone((done += 1));
    const [first] = await runsOf(writer.id);
    await waitForRun(t.current.database, first!.id, ['completed']);
    await triggerRunsDone((done += 1)); // the writer's own change, debounced
    const writerRuns = await runsOf(writer.id);
    const watcherRuns = await runsOf(watcher.id);
    expect(writerRuns).toHaveLength(1);
    expect(watcherRuns).toHaveLength(2);
    expect(watcherRuns[1]!.trigger_payload).toMatchObject({ depth: 1, originRunId: first!.id, changes: [{ attribute: 'ingredients', originRunId: first!.id, new: { text: 'Pumpkin, Sweet Potato (checked)' } }] });
    const history = await h.editor.products.history({ companySlug: SLUG, id });
    expect(history[0]).toMatchObject({ attribute: 'ingredients', actor: { type: 'workflow', name: 'Normalise ingredients' }, run: { id: first!.id, workflowName: 'Normalise ingredients' } });
  });

  it('replaying an event starts nothing new: same id (deduplicated) or a new id (history already read)', async () => {
    const wf = await enabled('Watch caffeine', collect, ['caffeine_content']);
    const id = await productId('LPC-GRD-FR-10');
    await edit(id, 'caffeine_content', { option: 'decaffeinated' });
    await triggerRunsDone((done += 1));
    expect(await runsOf(wf.id)).toHaveLength(1);
    const [event] = await t.current.database.sql`select id, name, data from ember_exec.events where name = 'product/field.changed' and data->>'productId' = ${id} order by internal_id desc limit 1`;
    const data = event!.data as EventData<typeof productFieldChanged>;
    await h.sendEvent([makeEvent(productFieldChanged, event!.id as string, data)]);
    await h.sendEvent([makeEvent(productFieldChanged, `replay-${crypto.randomUUID()}`, data)]);
    await triggerRunsDone((done += 1));
    expect(await runsOf(wf.id)).toHaveLength(1);
  });
});
