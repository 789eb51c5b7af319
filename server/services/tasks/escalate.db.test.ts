/**
 * task-escalator's escalation (DOMAIN.md F11) with a controlled clock, on the seeded tasks T1–T8. No executor runs
 * here, so nothing escalates behind the test's back; the executor path is in server/workflow/tasks.db.test.ts.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { escalateTasks } from './escalate.ts';

const HOUR = 3_600_000;

describe.each(dbTargets())('task escalation on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let seedNow: number;
  const key: Record<string, string> = {};
  const users: Record<string, string> = {};
  const task = async (k: string) =>
    (await t.current.database.db.execute<{ escalation_level: number; priority: string; assignee_user_id: string; due_at: string; status: string }>(sql`
      select escalation_level, priority, assignee_user_id, due_at, status::text from tasks where id = ${key[k]!}`))[0]!;
  const run = async (hours: number) => {
    const out = await escalateTasks(t.current.database.db, new Date(seedNow + hours * HOUR));
    return out.map((e) => ({ task: Object.keys(key).find((k) => key[k] === e.taskId) ?? e.taskId, level: e.level, reason: e.reason, to: Object.keys(users).find((u) => users[u] === e.to), priority: e.priority })).sort((a, b) => a.task.localeCompare(b.task));
  };

  beforeAll(async () => {
    for (const r of await t.current.database.sql`select id, dedupe_key from tasks where dedupe_key like 'seed:%'`) key[(r.dedupe_key as string).slice(5)] = r.id as string;
    for (const r of await t.current.database.sql`select id, split_part(email, '@', 1) as name from users`) users[r.name as string] = r.id as string;
    // T1 was seeded due two days before the seed ran.
    seedNow = new Date((await t.current.database.sql`select due_at from tasks where id = ${key.T1!}`)[0]!.due_at as string).getTime() + 48 * HOUR;
  });

  it('escalates overdue T1 and T3 and stalled T6 to the ops lead, bumping priority; T2, T4, T8 and Bluewater are left alone', async () => {
    expect(await run(0.01)).toEqual([
      { task: 'T1', level: 1, reason: 'overdue', to: 'rachel', priority: 'urgent' },
      { task: 'T3', level: 1, reason: 'overdue', to: 'rachel', priority: 'urgent' },
      { task: 'T6', level: 1, reason: 'stalled', to: 'rachel', priority: 'high' },
    ]);
    // Stalled work gets a fresh SLA at its new priority (high: 48 h); overdue T1 keeps its missed deadline.
    expect(new Date((await task('T6')).due_at).getTime()).toBe(seedNow + 0.01 * HOUR + 48 * HOUR);
    expect(new Date((await task('T1')).due_at).getTime()).toBe(seedNow - 48 * HOUR);
    const events = await t.current.database.sql`select level, data from task_events where task_id = ${key.T1!} and type = 'escalated'`;
    expect(events).toEqual([{ level: 1, data: { level: 1, reason: 'overdue', from: users.luis, to: users.rachel, priority: { from: 'high', to: 'urgent' } } }]);
    const [n] = await t.current.database.sql`select count(*)::int n from notifications where task_id = ${key.T1!} and kind = 'escalated' and user_id = ${users.rachel!}`;
    expect(n!.n).toBe(1);
  });

  it('running again at the same time changes nothing', async () => {
    const before = await Promise.all(['T1', 'T3', 'T6'].map(task));
    expect(await run(0.02)).toEqual([]);
    expect(await Promise.all(['T1', 'T3', 'T6'].map(task))).toEqual(before);
  });

  it('a day later: level 2 goes to the admin, newly overdue T2 starts at level 1', async () => {
    expect(await run(25)).toEqual([
      { task: 'T1', level: 2, reason: 'overdue', to: 'priya', priority: 'urgent' },
      { task: 'T2', level: 1, reason: 'overdue', to: 'rachel', priority: 'high' },
      { task: 'T3', level: 2, reason: 'overdue', to: 'priya', priority: 'urgent' },
      { task: 'T6', level: 2, reason: 'stalled', to: 'priya', priority: 'urgent' },
    ]);
  });

  it('level 3 flags the task for the account team without reassigning it, and a level-3 task stays at 3', async () => {
    const escalated = await run(50);
    expect(escalated.find((e) => e.task === 'T1')).toEqual({ task: 'T1', level: 3, reason: 'overdue', to: 'priya', priority: 'urgent' });
    expect((await task('T1')).assignee_user_id).toBe(users.priya);
    const [flag] = await t.current.database.sql`select count(*)::int n from notifications where task_id = ${key.T1!} and kind = 'account_team'`;
    expect(flag!.n).toBe(1);
    expect((await run(80)).find((e) => e.task === 'T1')).toBeUndefined();
    expect((await task('T1')).escalation_level).toBe(3);
    expect(await task('T8')).toMatchObject({ status: 'done', escalation_level: 0 });
  });
});
