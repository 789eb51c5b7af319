/**
 * audit-agent (DOMAIN.md F13) on the seeded catalog: the exact findings of the planted defects per retailer, a
 * deterministic rerun, the on-demand path through the real executor (emitting audit/completed), and the run_audit
 * step feeding a condition.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { withCompany } from '../db/tx.ts';
import { runAudit } from '../services/audits/run-audit.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from './testing/harness.ts';

/** sku → rule codes (sorted, repeated per finding) for every product with findings; clean products are absent. */
const EXPECTED: Record<string, Record<string, string[]>> = {
  amazon_us: {
    'FW-HS-CIT-12': ['REQUIRED_ATTRIBUTE_MISSING:scent'],
    'FW-HS-EUC-12': ['AMZ_BULLET_PROHIBITED_PHRASE:bullets', 'AMZ_BULLET_SPECIAL_CHARS:bullets'],
    'FW-HS-OAT-12': ['GTIN_CHECK_DIGIT:gtin'],
    'FW-HS-VAR-3PK': ['REQUIRED_ATTRIBUTE_MISSING:number_of_items'],
    'LPC-GRD-DEC-12': ['REQUIRED_ATTRIBUTE_MISSING:roast_level'],
    'LPC-GRD-HAZ-12': ['AMZ_TITLE_PROHIBITED_CHARS:title', 'AMZ_TITLE_PROMO_PHRASE:title'],
    'LPC-INS-HB-8': ['DQI_UPPERCASE_WORDS:description'],
    'LPC-POD-HB-24': ['AMZ_BULLET_COUNT:bullets', 'REQUIRED_ATTRIBUTE_MISSING:bullets'],
    'TH-TRN-SAL-6': ['REQUIRED_ATTRIBUTE_MISSING:life_stage', 'REQUIRED_ATTRIBUTE_MISSING:target_species'],
  },
  walmart_us: {
    'FW-HS-CIT-12': ['REQUIRED_ATTRIBUTE_MISSING:scent'],
    'FW-HS-VAR-3PK': ['REQUIRED_ATTRIBUTE_MISSING:number_of_items'],
    'LPC-GRD-DEC-12': ['REQUIRED_ATTRIBUTE_MISSING:roast_level'],
    'LPC-GRD-HAZ-12': ['WMT_TITLE_PROHIBITED_CHARS:title', 'WMT_TITLE_PROMO_PHRASE:title'],
    'LPC-POD-HB-24': ['REQUIRED_ATTRIBUTE_MISSING:bullets'],
    'LPC-WB-COL-32': ['WMT_TITLE_MAX_150:title'],
    'TH-TRN-CHK-6': ['WMT_TITLE_MAX_150:title'],
  },
  target_plus: {
    'FW-HS-CIT-12': ['REQUIRED_ATTRIBUTE_MISSING:scent'],
    'LPC-POD-HB-24': ['REQUIRED_ATTRIBUTE_MISSING:bullets'],
  },
};

describe.each(dbTargets())('audit agent on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let companyId: string;
  const findings = async (auditId: string) => {
    const rows = await t.current.database.db.execute<{ sku: string; rule: string }>(sql`
      select p.sku, f.rule_code || ':' || coalesce(f.attribute_code, '') as rule from audit_findings f join products p on p.id = f.product_id where f.audit_id = ${auditId} order by 1, 2`);
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.sku] ??= []).push(r.rule);
    return out;
  };

  beforeAll(async () => {
    companyId = (await t.current.database.sql`select id from companies where slug = ${SLUG}`)[0]!.id as string;
  });

  it('finds exactly the planted defects at every retailer, with Akeneo completeness and scores', async () => {
    const audits = await withCompany(t.current.database.db, companyId, (tx) => runAudit(tx, { companyId, trigger: 'manual', key: 'test:exact' }));
    expect(audits.map((a) => [a.retailerCode, a.productsChecked, a.created])).toEqual([['amazon_us', 30, true], ['target_plus', 15, true], ['walmart_us', 24, true]]);
    for (const a of audits) expect({ retailer: a.retailerCode, findings: await findings(a.auditId) }).toEqual({ retailer: a.retailerCode, findings: EXPECTED[a.retailerCode] });
    const [amazon] = await t.current.database.db.execute<{ summary: { products: { sku: string; completeness: number; score: number }[] }; score: number; grade: string }>(sql`select summary, score, grade from audits where id = ${audits[0]!.auditId}`);
    const bySku = Object.fromEntries(amazon!.summary.products.map((p) => [p.sku, p]));
    // floor(100 × 11/12) = 91 (#5), 10/12 → 83 (#26), 9/10 → 90 (#12), 11/12 → 91 (#6: 2 bullets where 3 are needed)
    expect([bySku['LPC-GRD-DEC-12']!.completeness, bySku['TH-TRN-SAL-6']!.completeness, bySku['FW-HS-CIT-12']!.completeness, bySku['LPC-POD-HB-24']!.completeness, bySku['LPC-GRD-HB-12']!.completeness]).toEqual([91, 83, 90, 91, 100]);
    expect([bySku['LPC-GRD-HB-12']!.score, bySku['LPC-POD-HB-24']!.score, bySku['TH-TRN-SAL-6']!.score]).toEqual([100, 80, 70]);
    expect(amazon).toMatchObject({ score: 94.2, grade: 'A' });
  });

  it('is deterministic: the same key returns the same audits; a new key finds the same things', async () => {
    const again = await withCompany(t.current.database.db, companyId, (tx) => runAudit(tx, { companyId, trigger: 'manual', key: 'test:exact' }));
    expect(again.every((a) => !a.created)).toBe(true);
    const fresh = await withCompany(t.current.database.db, companyId, (tx) => runAudit(tx, { companyId, trigger: 'manual', key: 'test:rerun' }));
    expect(fresh.map((a) => [a.retailerCode, a.errorCount, a.warningCount, a.score])).toEqual(again.map((a) => [a.retailerCode, a.errorCount, a.warningCount, a.score]));
    const seeded = await t.current.database.db.execute<{ audit_key: string; score: number }>(sql`select audit_key, score from audits where company_id = ${companyId} and audit_key like 'seed:nightly:%' order by audit_key`);
    expect(seeded.map((s) => s.score)).toEqual(fresh.map((a) => a.score));
  });

  describe('through the executor', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(t.current.database);
    });
    afterAll(async () => h?.stop());

    it('audit/requested audits one retailer and emits audit/completed', async () => {
      const id = `audit-req-${crypto.randomUUID()}`;
      await h.sendEvent([{ id, name: 'audit/requested', data: { companyId, retailer: 'target_plus' } }]);
      const deadline = Date.now() + 20_000;
      let done: { id: string }[] = [];
      while (done.length === 0 && Date.now() < deadline) {
        done = [...(await t.current.database.sql<{ id: string }[]>`select e.data->>'auditId' as id from ember_exec.events e join audits a on a.id = (e.data->>'auditId')::uuid where e.name = 'audit/completed' and a.audit_key = ${`event:${id}:target_plus`}`)];
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(done).toHaveLength(1);
      expect(await findings(done[0]!.id)).toEqual(EXPECTED.target_plus);
    });

    it('a run_audit step feeds a condition: the hazelnut title fails, so the run takes the no branch', async () => {
      const g: Graph = graph(
        [trig(), step('a', 'run_audit', 'action', {}), cond('c', 'steps.a.errors == 0'), step('y', 'transform', 'action', { mapping: { ok: 'true' } }), step('n', 'transform', 'action', { mapping: { ok: 'false' } })],
        [edge('t', 'a'), edge('a', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')],
      );
      const wf = await publishWorkflow(h, 'Audit one product', { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 } })) });
      const [p] = await t.current.database.sql`select id from products where sku = 'LPC-GRD-HAZ-12' and company_id = ${companyId}`;
      const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { productId: p!.id } });
      await waitForRun(t.current.database, runId, ['completed']);
      const steps = await runSteps(t.current.database, runId);
      expect(steps.a!.output).toMatchObject({ errors: 4, warnings: 0, audits: [{ retailer: 'amazon_us', errors: 2 }, { retailer: 'walmart_us', errors: 2 }] });
      expect([steps.y!.status, steps.n!.status]).toEqual(['skipped', 'completed']);
    });
  });
});
