/** The tasks API on the seeded tasks: mine / my role's / all, detail with activity, claim and complete. */
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const companySlug = 'copper-kettle';

async function code(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe.each(dbTargets())('tasks API on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const as: Record<string, Caller> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const who of ['dana', 'marcus', 'priya', 'hannah', 'rachel']) as[who] = (await callerAs(t.current.database.db, `${who}@copperkettle.example`)).caller;
    for (const r of await t.current.database.sql`select id, dedupe_key from tasks where dedupe_key like 'seed:%'`) ids[(r.dedupe_key as string).slice(5)] = r.id as string;
  });

  it('lists my tasks, my role\'s and all, most urgent first', async () => {
    const mine = await as.marcus!.tasks.list({ companySlug, scope: 'mine' });
    expect(mine.map((x) => x.title)).toEqual(['Review 9 coffee enrichment suggestions']);
    const all = await as.priya!.tasks.list({ companySlug, scope: 'all' });
    expect(all.map((x) => x.priority)).toEqual([...all.map((x) => x.priority)].sort((a, b) => ['urgent', 'high', 'medium', 'low'].indexOf(a) - ['urgent', 'high', 'medium', 'low'].indexOf(b)));
    expect(all.find((x) => x.id === ids.T1)).toMatchObject({ type: 'channel_rejection', overdue: true, assignee: { name: 'Luis Ortega' }, product: { sku: 'TH-BIS-PB-24' }, retailer: { code: 'walmart_us' } });
    expect(all.some((x) => x.id === ids.T8)).toBe(false);
    expect((await as.priya!.tasks.list({ companySlug, scope: 'all', state: 'closed' })).map((x) => x.id)).toContain(ids.T8);
    expect(await as.dana!.tasks.list({ companySlug, scope: 'role' })).toEqual([]);
  });

  it('shows a task with its activity, names resolved', async () => {
    const task = await as.hannah!.tasks.get({ companySlug, id: ids.T1! });
    expect(task).toMatchObject({ raw: { code: 'ERR_EXT_DATA_0801001', field: 'msrp' }, category: 'missing_required_attribute' });
    expect(task.activity.map((a) => [a.type, a.toName])).toEqual([['created', null], ['assigned', 'Luis Ortega']]);
  });

  it('claim takes the task and starts it; complete closes it; others and viewers may not', async () => {
    expect(await code(as.marcus!.tasks.claim({ companySlug, id: ids.T2! }))).toBe('FORBIDDEN'); // Dana's
    expect(await code(as.hannah!.tasks.claim({ companySlug, id: ids.T3! }))).toBe('FORBIDDEN'); // a viewer
    expect(await as.dana!.tasks.claim({ companySlug, id: ids.T2! })).toEqual({ id: ids.T2, status: 'in_progress', alreadyClaimed: false });
    expect(await as.dana!.tasks.claim({ companySlug, id: ids.T2! })).toMatchObject({ alreadyClaimed: true });
    expect(await as.dana!.tasks.complete({ companySlug, id: ids.T2!, comment: 'Fixed the check digit in the sheet' })).toEqual({ id: ids.T2, status: 'done' });
    expect(await code(as.dana!.tasks.complete({ companySlug, id: ids.T2! }))).toBe('PRECONDITION_FAILED');
    const done = await as.dana!.tasks.get({ companySlug, id: ids.T2! });
    expect(done).toMatchObject({ status: 'done', resolvedAt: expect.any(String) });
    expect(done.activity.slice(-2).map((a) => [a.type, a.actorName, a.data])).toEqual([
      ['claimed', 'Dana Okafor', expect.objectContaining({ status: { from: 'open', to: 'in_progress' } })],
      ['status_changed', 'Dana Okafor', { from: 'in_progress', to: 'done', comment: 'Fixed the check digit in the sheet' }],
    ]);
    // An admin may take anyone's task.
    expect(await as.priya!.tasks.claim({ companySlug, id: ids.T4! })).toMatchObject({ status: 'in_progress' });
  });
});
