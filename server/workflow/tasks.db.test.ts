/**
 * task-orchestrator and task-escalator through the real executor (DOMAIN.md F10, F11): producers insert `new` tasks
 * and send task/created; the orchestrator classifies, de-duplicates and routes them by the seeded assignment rules;
 * audit/completed becomes one task per product and retailer; the escalator runs at an instant the request names.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { SLUG, startHarness, type Harness } from './testing/harness.ts';

const HOUR = 3_600_000;

interface TaskRow {
  [key: string]: unknown;
  id: string;
  status: string;
  category: string | null;
  priority: string;
  assignee: string | null;
  due_at: string | null;
  merged_into_id: string | null;
  created_at: string;
  escalation_level: number;
}

describe.each(dbTargets())('task functions on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let companyId: string;
  const ids: Record<string, string> = {};
  const row = async (id: string) =>
    (await t.current.database.db.execute<TaskRow>(sql`
      select t.id, t.status::text, t.category, t.priority, split_part(u.email, '@', 1) as assignee, t.due_at, t.merged_into_id, t.created_at, t.escalation_level
      from tasks t left join users u on u.id = t.assignee_user_id where t.id = ${id}`))[0]!;
  const until = async <T,>(what: string, fn: () => Promise<T | null | undefined | false>): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** A producer's part: insert the task as `new`, then announce it. */
  async function produce(type: string, sku: string | null, retailer: string | null, raw: Record<string, unknown>, title: string) {
    const [task] = await t.current.database.sql`
      insert into tasks (company_id, type, title, status, priority, product_id, retailer_id, raw, source_type)
      values (${companyId}, ${type}, ${title}, 'new', 'medium', ${sku ? ids[sku]! : null}, ${retailer ? ids[retailer]! : null}, ${JSON.stringify(raw)}::jsonb, 'test')
      returning id`;
    await h.sendEvent([{ id: `task-created:${task!.id}`, name: 'task/created', data: { companyId, taskId: task!.id } }]);
    return until(`routing of ${title}`, async () => {
      const r = await row(task!.id as string);
      return r.status !== 'new' && r;
    });
  }

  beforeAll(async () => {
    h = await startHarness(t.current.database);
    const { sql: owner } = t.current.database;
    companyId = (await owner`select id from companies where slug = ${SLUG}`)[0]!.id as string;
    for (const r of await owner`select id, sku from products where company_id = ${companyId}`) ids[r.sku as string] = r.id as string;
    for (const r of await owner`select id, code from retailers where company_id = ${companyId}`) ids[r.code as string] = r.id as string;
    for (const r of await owner`select id, dedupe_key from tasks where dedupe_key like 'seed:%'`) ids[r.dedupe_key as string] = r.id as string;
  });
  afterAll(async () => h?.stop());

  it('routes by rule: classification, assignee by category, priority raised for an active listing, SLA due date', async () => {
    const msrp = await produce('channel_rejection', 'TH-JRK-CHK-16', 'walmart_us', { type: 'DATA_ERROR', code: 'ERR_EXT_DATA_0801001', field: 'msrp', description: "'msrp' - Attribute requires a value." }, 'Walmart rejected TH-JRK-CHK-16');
    expect(msrp).toMatchObject({ status: 'open', category: 'missing_required_attribute', assignee: 'luis', priority: 'high' });
    expect(new Date(msrp.due_at!).getTime() - new Date(msrp.created_at).getTime()).toBeGreaterThanOrEqual(48 * HOUR - 60_000);
    const target = await produce('channel_rejection', 'FW-HS-LAV-12', 'target_plus', { message: 'Product Title does not align with the image(s) provided' }, 'Target rejected FW-HS-LAV-12');
    expect(target).toMatchObject({ status: 'open', category: 'title_image_mismatch', assignee: 'dana', priority: 'high' });
    // Never seen before: no Claude classifier here yet, so it is routed as unclassified by its product's category.
    const odd = await produce('channel_rejection', 'LPC-GRD-HB-12', 'target_plus', { message: 'Flux capacitor reading out of range for item' }, 'Target said something new');
    expect(odd).toMatchObject({ status: 'open', category: 'unclassified', assignee: 'marcus' });
    const events = await t.current.database.sql`select type::text, data->>'to' as to from task_events where task_id = ${msrp.id} order by at, type`;
    expect(events.map((e) => e.type)).toEqual(['assigned', 'routed']);
  });

  it('a duplicate of an open task is merged into it, and a replayed task/created changes nothing', async () => {
    const dup = await produce('channel_rejection', 'TH-BIS-PB-24', 'walmart_us', { code: 'ERR_EXT_DATA_0801001', field: 'msrp', description: "'msrp' - Attribute requires a value." }, 'Walmart rejected TH-BIS-PB-24 again');
    expect(dup).toMatchObject({ status: 'merged', merged_into_id: ids['seed:T1'] });
    const [comment] = await t.current.database.sql`select data from task_events where task_id = ${ids['seed:T1']!} and type = 'comment'`;
    expect(comment!.data).toMatchObject({ merged: dup.id });
    await h.sendEvent([{ id: `replay-${crypto.randomUUID()}`, name: 'task/created', data: { companyId, taskId: dup.id } }]);
    await until('the replay to be processed', async () => {
      const [r] = await t.current.database.sql`select count(*) filter (where status = 'completed')::int n from ember_exec.runs where function_slug = 'ember-workflows-task-orchestrator' and event->'data'->>'taskId' = ${dup.id}`;
      return r!.n === 2;
    });
    expect(await row(dup.id)).toEqual(dup);
  });

  it('routes the seeded unrouted spec change (T7) to the content manager', async () => {
    await h.sendEvent([{ id: `task-created:${ids['seed:T7']}`, name: 'task/created', data: { companyId, taskId: ids['seed:T7']! } }]);
    expect(await until('T7 routed', async () => ((await row(ids['seed:T7']!)).status === 'open' ? row(ids['seed:T7']!) : null))).toMatchObject({ assignee: 'priya', category: 'spec_change', priority: 'high' });
  });

  it('audit/completed becomes one routed task per product with errors; the next audit folds into them', async () => {
    const auditTasks = async (auditId: string) =>
      t.current.database.sql`select p.sku, t.status::text, split_part(u.email, '@', 1) as assignee, t.merged_into_id from tasks t join products p on p.id = t.product_id
        left join users u on u.id = t.assignee_user_id where t.source_id = ${auditId} and t.status <> 'new' order by p.sku`;
    const request = async () => {
      const id = `audit-${crypto.randomUUID()}`;
      await h.sendEvent([{ id, name: 'audit/requested', data: { companyId, retailer: 'walmart_us' } }]);
      const audit = await until('the audit', async () => (await t.current.database.sql`select id from audits where audit_key = ${`event:${id}:walmart_us`}`)[0]);
      return until('its tasks', async () => {
        const rows = await auditTasks(audit.id as string);
        return rows.length === 7 && rows;
      });
    };
    const first = await request();
    expect(first.map((r) => [r.sku, r.status, r.assignee])).toEqual([
      ['FW-HS-CIT-12', 'open', 'dana'],
      ['FW-HS-VAR-3PK', 'open', 'dana'],
      ['LPC-GRD-DEC-12', 'open', 'marcus'],
      ['LPC-GRD-HAZ-12', 'open', 'marcus'],
      ['LPC-POD-HB-24', 'open', 'marcus'],
      ['LPC-WB-COL-32', 'open', 'marcus'],
      ['TH-TRN-CHK-6', 'open', 'luis'],
    ]);
    const second = await request();
    expect(second.map((r) => r.status)).toEqual(Array(7).fill('merged'));
  });

  it('task/escalation.requested escalates at the instant it names', async () => {
    const now = Date.now();
    const [task] = await t.current.database.sql`
      insert into tasks (company_id, type, title, status, priority, assignee_user_id, due_at, last_activity_at)
      values (${companyId}, 'manual', 'Check the spring price list', 'open', 'low', (select id from users where email = 'marcus@copperkettle.example'),
              ${new Date(now + 10 * 24 * HOUR).toISOString()}, ${new Date(now).toISOString()}) returning id`;
    await h.sendEvent([{ id: `esc-${crypto.randomUUID()}`, name: 'task/escalation.requested', data: { companyId, now: new Date(now + 11 * 24 * HOUR).toISOString() } }]);
    expect(await until('the escalation', async () => {
      const r = await row(task!.id as string);
      return r.escalation_level === 1 && r;
    })).toMatchObject({ assignee: 'rachel', priority: 'medium' });
  });
});
