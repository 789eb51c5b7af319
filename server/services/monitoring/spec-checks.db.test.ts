/**
 * Issue 17, point 11: the spec-check status above the spec changes reflects the checks that found them — a retailer
 * with a stored current version is not "not checked yet"; a check the sentinel recorded wins over it.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const slug = 'copper-kettle';

describe.each(dbTargets())('spec check status on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });

  it('shows the seeded Amazon change as checked, with its version, and prefers a recorded check', async () => {
    const { caller } = await callerAs(t.current.database.db, 'priya@copperkettle.example');
    const specs = await caller.monitoring.specChanges({ companySlug: slug });
    expect(specs.changes.some((c) => c.retailerName === 'Amazon.com')).toBe(true);
    const amazon = specs.checks.find((c) => c.retailer === 'amazon_us')!;
    const checks = Object.values(amazon.checks);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.ok && c.version === 'U1.0' && Date.parse(c.at) < Date.now())).toBe(true);

    const [key] = Object.keys(amazon.checks);
    const recorded = { at: new Date().toISOString(), ok: false, error: 'answered 503' };
    await t.current.database.db.execute(sql`update retailers set spec_source = jsonb_set(spec_source, '{checks}', ${JSON.stringify({ [key!]: recorded })}::jsonb) where code = 'amazon_us'`);
    const again = (await caller.monitoring.specChanges({ companySlug: slug })).checks.find((c) => c.retailer === 'amazon_us')!;
    expect(again.checks[key!]).toEqual(recorded);
  });
});
