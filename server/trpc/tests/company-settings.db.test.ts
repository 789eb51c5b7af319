/**
 * Settings → Approvals: the company default for new approval steps. Every member reads it (the editor needs it),
 * only an admin changes it, it reaches the editor through workflows.get, and one company's choice is its own.
 */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const slug = 'copper-kettle';

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe.each(dbTargets())('company settings on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const as = (email: string) => callerAs(t.current.database.db, email).then((c) => c.caller);

  it('defaults to forbidding self-approval; an admin turns it off and on, and the editor is told', async () => {
    const admin = await as('priya@copperkettle.example');
    const editor = await as('rachel@copperkettle.example');
    expect(await admin.companies.settings({ companySlug: slug })).toEqual({ noSelfApprovalDefault: true });

    const wf = await editor.workflows.create({ companySlug: slug, name: 'Defaults reach the editor' });
    expect((await editor.workflows.get({ companySlug: slug, id: wf.id })).stepDefaults).toEqual({ human_gate: { noSelfApproval: true } });

    expect(await admin.companies.updateSettings({ companySlug: slug, noSelfApprovalDefault: false })).toEqual({ noSelfApprovalDefault: false });
    expect(await editor.companies.settings({ companySlug: slug })).toEqual({ noSelfApprovalDefault: false });
    expect((await editor.workflows.get({ companySlug: slug, id: wf.id })).stepDefaults).toEqual({ human_gate: { noSelfApproval: false } });

    // The other company's setting did not move.
    const owen = await as('owen@bluewater.example');
    expect(await owen.companies.settings({ companySlug: 'bluewater' })).toEqual({ noSelfApprovalDefault: true });

    expect(await admin.companies.updateSettings({ companySlug: slug, noSelfApprovalDefault: true })).toEqual({ noSelfApprovalDefault: true });
  });

  it('refuses everyone but an admin, and a value that is not a boolean', async () => {
    for (const email of ['rachel@copperkettle.example', 'dana@copperkettle.example', 'hannah@copperkettle.example']) {
      expect({ email, code: await codeOf((await as(email)).companies.updateSettings({ companySlug: slug, noSelfApprovalDefault: false })) }).toEqual({ email, code: 'FORBIDDEN' });
    }
    // Owen is admin elsewhere: Copper Kettle does not exist for him.
    expect(await codeOf((await as('owen@bluewater.example')).companies.updateSettings({ companySlug: slug, noSelfApprovalDefault: false }))).toBe('NOT_FOUND');
    const admin = await as('priya@copperkettle.example');
    expect(await codeOf(admin.companies.updateSettings({ companySlug: slug, noSelfApprovalDefault: 'no' as unknown as boolean }))).toBe('BAD_REQUEST');
    expect(await admin.companies.settings({ companySlug: slug })).toEqual({ noSelfApprovalDefault: true });
  });
});
