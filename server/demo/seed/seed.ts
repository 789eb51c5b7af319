/**
 * Seeds the demo companies, people, workflows and catalog. Idempotent: people are upserted by email, companies by
 * slug, and a company's workflows (or catalog) are created only when it has none, so re-running never duplicates or
 * overwrites work.
 */
import { and, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { companies, memberships, users, workflows } from '../../../drizzle/schema/index.ts';
import { hashPassword } from '../../services/auth/password.ts';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { createWorkflow } from '../../services/workflows/create.ts';
import { publishWorkflow } from '../../services/workflows/publish.ts';
import { setWorkflowEnabled } from '../../services/workflows/set-enabled.ts';
import { DEMO_COMPANIES, DEMO_PASSWORD } from './demo-users.ts';
import { DEMO_WORKFLOWS } from './demo-workflows.ts';
import { seedAssets } from './seed-assets.ts';
import type { AssetStore } from '../../services/assets/store.ts';
import { seedCatalog } from './seed-catalog.ts';
import { seedEnrichment } from './seed-enrichment.ts';
import { seedMonitoring } from './seed-monitoring.ts';
import { syncSkills } from '../../services/ai/skills/sync.ts';
import { seedDemoHistory } from './demo-history/index.ts';

export interface SeedResult {
  created: boolean;
  users: { email: string; name: string; roles: string[] }[];
}

/**
 * `history` (default on): 30 days of demo runs for the enabled demo workflows (demo-history/). The test databases'
 * template leaves it off, so tests that count runs start from none; the history's own test seeds it.
 */
export async function seedDemo(db: Db, opts: { assets?: AssetStore; history?: boolean } = {}): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  // Users are global identities; the app role may not write them, so the seed (an owner-side tool) does.
  for (const member of DEMO_COMPANIES.flatMap((c) => c.members)) {
    if (userIds.has(member.email)) continue;
    const [row] = await db
      .insert(users)
      .values({ email: member.email, name: member.name, passwordHash })
      .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name` } })
      .returning({ id: users.id });
    userIds.set(member.email, row!.id);
  }

  let created = false;
  for (const company of DEMO_COMPANIES) {
    // A deterministic id lets a re-run find its company without reading across tenants.
    const companyId = demoCompanyId(company.slug);
    await withCompany(db, companyId, async (tx) => {
      const inserted = await tx
        .insert(companies)
        .values({ id: companyId, slug: company.slug, name: company.name, timezone: company.timezone, settings: company.settings })
        .onConflictDoNothing()
        .returning({ id: companies.id });
      if (inserted.length) created = true;
      for (const m of company.members) {
        const member = { title: m.title ?? null, managerUserId: m.manager ? userIds.get(m.manager)! : null };
        await tx.insert(memberships).values({ companyId, userId: userIds.get(m.email)!, role: m.role, ...member }).onConflictDoNothing();
        // Titles and managers arrived after the first demo databases: fill them in without touching roles.
        await tx.update(memberships).set(member).where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userIds.get(m.email)!)));
      }
      const admin = userIds.get(company.members.find((m) => m.role === 'admin')!.email)!;
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(workflows).where(eq(workflows.companyId, companyId));
      if (n === 0) {
        for (const wf of DEMO_WORKFLOWS[company.slug] ?? []) {
          const row = await createWorkflow(tx, companyId, admin, wf, wf.graph);
          await publishWorkflow(tx, admin, { id: row.id, expectedRevision: row.revision });
          if (wf.enabled) await setWorkflowEnabled(tx, admin, row.id, true);
        }
      }
      await seedCatalog(tx, companyId, company.slug, userIds);
      await seedEnrichment(tx, companyId, company.slug, userIds);
      await seedMonitoring(tx, companyId, company.slug);
      await seedAssets(tx, companyId, company.slug, userIds, opts.assets);
    });
  }

  if (opts.history !== false) for (const company of DEMO_COMPANIES) await seedDemoHistory(db, demoCompanyId(company.slug), company.slug);
  await syncSkills(db);
  const roles = new Map<string, string[]>();
  for (const c of DEMO_COMPANIES) for (const m of c.members) roles.set(m.email, [...(roles.get(m.email) ?? []), `${m.role} @ ${c.slug}`]);
  return {
    created,
    users: [...roles].map(([email, r]) => ({ email, name: DEMO_COMPANIES.flatMap((c) => c.members).find((m) => m.email === email)!.name, roles: r })),
  };
}

export function formatCredentials(result: SeedResult): string {
  const lines = result.users.map((u) => `  ${u.email.padEnd(32)} ${u.roles.join(', ')}`);
  return `Demo sign-ins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}`;
}

/** A name-based (v5-shaped) uuid for a demo company slug. */
export function demoCompanyId(slug: string): string {
  const h = createHash('sha1').update(`ember-demo-company:${slug}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
