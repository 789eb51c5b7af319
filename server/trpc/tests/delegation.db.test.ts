/**
 * Out of office through the router: what the person away and their delegate read of a hand-over (gates.myDelegation,
 * gates.delegatedToMe) as it is set, scheduled, refused, ended and cleared.
 */
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const companySlug = 'copper-kettle';
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe.each(dbTargets())('out of office on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const people = {} as Record<'dana' | 'priya' | 'marcus', { id: string; caller: Caller }>;
  beforeAll(async () => {
    for (const name of ['dana', 'priya', 'marcus'] as const) {
      const { user, caller } = await callerAs(t.current.database.db, `${name}@copperkettle.example`);
      people[name] = { id: user.id, caller };
    }
  });

  it('the person away and their delegate each see the hand-over, until it is cleared', async () => {
    const { dana, priya } = people;
    expect(await dana.caller.gates.myDelegation({ companySlug })).toBeNull();
    expect(await priya.caller.gates.delegatedToMe({ companySlug })).toEqual([]);

    const until = inHours(24);
    await dana.caller.gates.delegate({ companySlug, delegateUserId: priya.id, until });
    expect(await dana.caller.gates.myDelegation({ companySlug })).toEqual({ userId: priya.id, name: 'Priya Raman', startsAt: expect.any(String), endsAt: until, active: true });
    expect(await priya.caller.gates.delegatedToMe({ companySlug })).toEqual([{ userId: dana.id, name: 'Dana Okafor', startsAt: expect.any(String), endsAt: until, active: true }]);
    // Only the delegate hears of it.
    expect(await dana.caller.gates.delegatedToMe({ companySlug })).toEqual([]);
    expect(await priya.caller.gates.myDelegation({ companySlug })).toBeNull();

    // Set again, for next week: it replaces the first and is shown as still to come.
    const from = inHours(24 * 7);
    await dana.caller.gates.delegate({ companySlug, delegateUserId: priya.id, from, until: inHours(24 * 9) });
    expect(await dana.caller.gates.myDelegation({ companySlug })).toMatchObject({ userId: priya.id, startsAt: from, active: false });
    expect((await priya.caller.gates.delegatedToMe({ companySlug })).map((d) => [d.name, d.active])).toEqual([['Dana Okafor', false]]);

    await dana.caller.gates.delegate({ companySlug, delegateUserId: null });
    expect(await dana.caller.gates.myDelegation({ companySlug })).toBeNull();
    expect(await priya.caller.gates.delegatedToMe({ companySlug })).toEqual([]);
    const trail = await t.current.database.sql`select action from workflow_audit_log where actor_user_id = ${dana.id} and action like 'delegation_%' order by at, id`;
    expect(trail.map((r) => r.action)).toEqual(['delegation_set', 'delegation_set', 'delegation_cleared']);
  });

  it('an ended period is shown to neither of them', async () => {
    const { dana, priya } = people;
    await dana.caller.gates.delegate({ companySlug, delegateUserId: priya.id, until: inHours(2) });
    await t.current.database.sql`update approval_delegations set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where user_id = ${dana.id}`;
    expect(await dana.caller.gates.myDelegation({ companySlug })).toBeNull();
    expect(await priya.caller.gates.delegatedToMe({ companySlug })).toEqual([]);
    await dana.caller.gates.delegate({ companySlug, delegateUserId: null });
  });

  it('refuses a delegate who may not decide approvals, and a period the rules forbid, naming the field', async () => {
    const { dana, priya, marcus } = people;
    await dana.caller.gates.delegate({ companySlug, delegateUserId: priya.id, until: inHours(5) });
    const refused = async (input: Parameters<Caller['gates']['delegate']>[0]) => {
      const err = await dana.caller.gates.delegate(input).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      return { code: (err as TRPCError).code, message: (err as TRPCError).message };
    };
    // Marcus is an editor: gates.resolve would refuse every vote he cast for Dana.
    expect(await refused({ companySlug, delegateUserId: marcus.id, until: inHours(5) })).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/may decide approvals/) });
    expect(await refused({ companySlug, delegateUserId: priya.id, until: inHours(-1) })).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/until.*The end is in the past/s) });
    expect(await refused({ companySlug, delegateUserId: priya.id, until: inHours(24 * 91) })).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/until.*At most 90 days/s) });
    // What was set before is untouched.
    expect(await dana.caller.gates.myDelegation({ companySlug })).toMatchObject({ userId: priya.id, active: true });
    await dana.caller.gates.delegate({ companySlug, delegateUserId: null });
  });
});
