import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../shared/approvals/policy.ts';
import { describePolicy, draftOf, judgeDraft, policyIdFor } from './policy-form.ts';

const existing: ApprovalPolicy = { id: 'outbound-pushes', name: 'Outbound pushes', kinds: ['http_request'], minLevels: 1 };

describe('the approval-policy form', () => {
  it('makes an id from the name, unique in the list', () => {
    expect(policyIdFor('Outbound pushes!', new Set())).toBe('outbound-pushes');
    expect(policyIdFor('Outbound pushes', new Set(['outbound-pushes', 'outbound-pushes-2']))).toBe('outbound-pushes-3');
    expect(policyIdFor('Ünïcode ✓', new Set())).toBe('unicode');
    expect(policyIdFor('!!!', new Set())).toBe('policy');
  });

  it('gives the policy the server will accept, with a number of levels and an optional role', () => {
    const v = judgeDraft({ ...draftOf(), name: ' Admins approve HTTP ', kinds: ['http_request', 'emit_event'], minLevels: '2', role: 'admin' }, [existing]);
    expect(v).toEqual({ ok: true, policy: { id: 'admins-approve-http', name: 'Admins approve HTTP', kinds: ['http_request', 'emit_event'], minLevels: 2, role: 'admin' } });
    // An edited policy keeps its id.
    expect(judgeDraft(draftOf(existing), [])).toEqual({ ok: true, policy: existing });
  });

  it("refuses what the server's schema refuses, per field, in a person's words", () => {
    expect(judgeDraft({ ...draftOf(), name: '  ', kinds: [], minLevels: '0' }, [])).toEqual({
      ok: false, errors: { name: 'Name the policy', kinds: 'Choose at least one kind of step', minLevels: 'A whole number of levels from 1 to 10' },
    });
    expect(judgeDraft({ ...draftOf(), name: 'x', kinds: ['delay'], minLevels: '2.5' }, [])).toMatchObject({ ok: false, errors: { minLevels: expect.any(String) } });
    expect(judgeDraft({ ...draftOf(), name: 'x', kinds: ['delay'], minLevels: '' }, [])).toMatchObject({ ok: false, errors: { minLevels: expect.any(String) } });
    expect(judgeDraft({ ...draftOf(), name: 'n'.repeat(201), kinds: ['delay'] }, [])).toMatchObject({ ok: false, errors: { name: 'Too long: at most 200 characters' } });
    expect(judgeDraft({ ...draftOf(), name: 'outbound PUSHES', kinds: ['delay'] }, [existing])).toEqual({ ok: false, errors: { name: 'Another policy has this name' } });
    // An edit whose id another policy has (the server would refuse the list) is said above the buttons.
    expect(judgeDraft({ ...draftOf(existing), name: 'Renamed' }, [existing])).toEqual({ ok: false, errors: { id: 'Another policy has this id' } });
    const fifty = Array.from({ length: 50 }, (_, i) => ({ ...existing, id: `p${i}`, name: `P${i}` }));
    expect(judgeDraft({ ...draftOf(), name: 'One more', kinds: ['delay'] }, fifty)).toMatchObject({ ok: false, errors: { id: expect.stringMatching(/50/) } });
  });

  it('says the rule in a sentence', () => {
    expect(describePolicy({ id: 'a', name: 'A', kinds: ['http_request', 'emit_event', 'delay'], minLevels: 2, role: 'admin' })).toBe(
      'Every HTTP request, Emit event and Delay step needs an approval with at least 2 levels before it on every path, one of them decided by an admin.',
    );
    expect(describePolicy(existing)).toBe('Every HTTP request step needs an approval before it on every path.');
  });
});
