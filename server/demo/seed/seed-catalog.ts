/**
 * Seeds one company's catalog, channels, routing rules, tasks and last night's audits (DOMAIN.md §4), inside the
 * company's RLS transaction. Runs once per company: a company that already has categories is left alone.
 */
import { sql } from 'drizzle-orm';
import {
  assignmentRules, attributes, categories, categoryAttributes, importBatches, listings, notifications, productFieldHistory, productValues, products,
  retailerCategorySpecs, retailers, taskEvents, tasks,
} from '../../../drizzle/schema/index.ts';
import { normalizeGtin } from '../../../shared/catalog/gtin.ts';
import { classifyTask, subjectKey } from '../../../shared/tasks/classify.ts';
import type { Tx } from '../../db/client.ts';
import { runAudit } from '../../services/audits/run-audit.ts';
import { recomputeCompleteness } from '../../services/catalog/completeness.ts';
import { DEMO_ATTRIBUTES, DEMO_CATEGORIES, DEMO_RETAILERS, DEMO_SPECS, WALMART_SPEC_VERSION } from './demo-catalog-rules.ts';
import { BLUEWATER_PRODUCTS, COPPER_KETTLE_PRODUCTS, retailerItemId, type DemoProduct } from './demo-products.ts';
import { DEMO_RULES, DEMO_TASKS } from './demo-tasks.ts';

const CATALOGS: Record<string, { categories: string[]; retailers: string[]; products: DemoProduct[] }> = {
  'copper-kettle': { categories: ['coffee', 'hand_soap', 'dog_treats'], retailers: ['amazon_us', 'walmart_us', 'target_plus'], products: COPPER_KETTLE_PRODUCTS },
  bluewater: { categories: ['bath_towels'], retailers: ['amazon_us'], products: BLUEWATER_PRODUCTS },
};

const HOUR = 3_600_000;

export async function seedCatalog(tx: Tx, companyId: string, slug: string, userIds: Map<string, string>, now = new Date()): Promise<void> {
  const catalog = CATALOGS[slug];
  if (!catalog) return;
  const [{ n } = { n: 0 }] = await tx.execute<{ n: number }>(sql`select count(*)::int n from categories`);
  if (n > 0) return;
  const at = (h: number) => new Date(now.getTime() + h * HOUR);

  await tx.insert(attributes).values(DEMO_ATTRIBUTES.map((a, i) => ({ companyId, code: a.code, label: a.label, type: a.type, groupCode: a.group, validation: a.validation ?? {}, sort: i })));
  const categoryIds = new Map<string, string>();
  for (const code of catalog.categories) {
    const c = DEMO_CATEGORIES[code]!;
    const [row] = await tx.insert(categories).values({ companyId, code, name: c.name, gpcBrick: c.gpcBrick }).returning({ id: categories.id });
    categoryIds.set(code, row!.id);
    await tx.insert(categoryAttributes).values(c.attributes.map((attributeCode, sort) => ({ companyId, categoryId: row!.id, attributeCode, sort, requiredInternal: ['title', 'brand', 'gtin'].includes(attributeCode) })));
  }
  const retailerIds = new Map<string, string>();
  for (const code of catalog.retailers) {
    const r = DEMO_RETAILERS[code]!;
    const [row] = await tx.insert(retailers).values({ companyId, code, name: r.name, pdpUrlTemplate: r.pdpUrlTemplate, textRules: r.textRules }).returning({ id: retailers.id });
    retailerIds.set(code, row!.id);
  }
  const specs = DEMO_SPECS.filter((s) => retailerIds.has(s.retailer) && categoryIds.has(s.category));
  await tx.insert(retailerCategorySpecs).values(specs.map((s) => ({
    companyId, retailerId: retailerIds.get(s.retailer)!, categoryId: categoryIds.get(s.category)!, retailerProductType: s.productType,
    specVersion: s.retailer === 'walmart_us' ? WALMART_SPEC_VERSION : null, requiredAttributes: s.required, requirementParams: s.params,
  })));

  const productIds = new Map<string, string>();
  for (const p of catalog.products) {
    const [row] = await tx
      .insert(products)
      .values({ companyId, sku: p.sku, gtin: normalizeGtin(p.gtin12), brand: p.brand, categoryId: categoryIds.get(p.category)!, status: 'approved', createdAt: at(-24 * 60), updatedAt: at(-24 * 30) })
      .returning({ id: products.id });
    productIds.set(p.sku, row!.id);
    await tx.insert(productValues).values(Object.entries(p.values).map(([attributeCode, value]) => ({ companyId, productId: row!.id, attributeCode, value, source: 'supplier' as const, updatedAt: at(-24 * 30) })));
    const content = { title: p.values.title, bullets: p.values.bullets, description: p.values.description };
    await tx.insert(listings).values(Object.entries(p.listings).map(([retailer, status]) => ({
      companyId, productId: row!.id, retailerId: retailerIds.get(retailer)!, retailerItemId: retailerItemId(retailer, p.n), status,
      pdpUrl: DEMO_RETAILERS[retailer]!.pdpUrlTemplate.replace('{retailerItemId}', retailerItemId(retailer, p.n)),
      publishedContent: status === 'active' ? content : null, publishedAt: status === 'active' ? at(-24 * 20) : null,
    })));
  }

  await seedHistory(tx, companyId, slug, productIds, userIds, at);
  // Seeded history counts as already seen by the field-changed trigger.
  await tx.execute(sql`
    insert into product_trigger_watermarks (company_id, product_id, last_history_id)
    select ${companyId}, p.id, coalesce((select max(h.id) from product_field_history h where h.product_id = p.id), 0) from products p`);
  await recomputeCompleteness(tx, companyId);
  await seedRules(tx, companyId, slug, userIds, categoryIds, retailerIds);
  await seedTasks(tx, companyId, slug, userIds, productIds, retailerIds, at);
  // Last night's audits: the real audit over the seeded catalog, so tonight's run finds the same things.
  await runAudit(tx, { companyId, trigger: 'schedule', key: 'seed:nightly', now: at(-16) });
}

async function seedHistory(tx: Tx, companyId: string, slug: string, productIds: Map<string, string>, userIds: Map<string, string>, at: (h: number) => Date) {
  if (slug === 'copper-kettle') {
    const marcus = userIds.get('marcus@copperkettle.example')!;
    const fr = productIds.get('LPC-GRD-FR-10')!;
    await tx.insert(productFieldHistory).values([
      { companyId, productId: fr, attributeCode: 'net_content', oldValue: { amount: '12', unit: 'OUNCE' }, newValue: { amount: '10', unit: 'OUNCE' }, actorType: 'user', actorId: marcus, changedAt: at(-24 * 30) },
      { companyId, productId: fr, attributeCode: 'title', oldValue: { text: 'Lantern Peak French Roast Ground Coffee, Dark Roast, 12 oz' }, newValue: { text: 'Lantern Peak French Roast Ground Coffee, Dark Roast, 10 oz' }, actorType: 'user', actorId: marcus, changedAt: at(-24 * 30) },
    ]);
    await tx.insert(importBatches).values({
      companyId, filename: 'fernwell-spring-sheet.csv', source: 'csv', rowCount: 10, errorCount: 1, status: 'failed', createdAt: at(-96),
      errors: [{ line: 21, column: 2, columnName: 'gtin', message: 'GTIN 081234500209 has check digit 9, but 7 is correct' }],
    });
  } else {
    const owen = userIds.get('owen@bluewater.example')!;
    await tx.insert(productFieldHistory).values({ companyId, productId: productIds.get('BW-TWL-WHT')!, attributeCode: 'color', oldValue: { text: 'Bright White' }, newValue: { text: 'White' }, actorType: 'user', actorId: owen, changedAt: at(-48) });
    await tx.insert(importBatches).values({ companyId, filename: 'towels.csv', source: 'csv', rowCount: 3, createdCount: 3, status: 'completed', createdBy: owen, createdAt: at(-24 * 60) });
  }
}

async function seedRules(tx: Tx, companyId: string, slug: string, userIds: Map<string, string>, categoryIds: Map<string, string>, retailerIds: Map<string, string>) {
  const rules = DEMO_RULES[slug] ?? [];
  if (!rules.length) return;
  await tx.insert(assignmentRules).values(rules.map((r) => ({
    companyId, taskType: r.taskType, categoryId: r.category ? categoryIds.get(r.category)! : null, retailerId: r.retailer ? retailerIds.get(r.retailer)! : null,
    assigneeUserId: 'email' in r.assignee ? userIds.get(r.assignee.email)! : null, assigneeRole: 'role' in r.assignee ? r.assignee.role : null, sort: r.sort,
  })));
}

async function seedTasks(tx: Tx, companyId: string, slug: string, userIds: Map<string, string>, productIds: Map<string, string>, retailerIds: Map<string, string>, at: (h: number) => Date) {
  for (const d of DEMO_TASKS[slug] ?? []) {
    const productId = d.product ? productIds.get(d.product)! : null;
    const retailerId = d.retailer ? retailerIds.get(d.retailer)! : null;
    const assignee = d.assignee ? userIds.get(d.assignee)! : null;
    const routed = d.status !== 'new';
    const c = classifyTask(d.type, d.raw ?? null, d.title);
    const [row] = await tx
      .insert(tasks)
      .values({
        companyId, type: d.type, title: d.title, description: d.description, status: d.status, priority: d.priority, assigneeUserId: assignee,
        productId, retailerId, sourceType: 'seed', sourceId: d.key, raw: d.raw ?? null, category: routed ? c.category : null, dedupeKey: `seed:${d.key}`,
        subjectKey: routed && d.status !== 'done' ? subjectKey(d.type, productId, retailerId, c) : null,
        dueAt: d.dueH === undefined ? null : at(d.dueH), createdAt: at(d.createdH), updatedAt: at(d.lastActivityH), lastActivityAt: at(d.lastActivityH),
        resolvedAt: d.resolvedH === undefined ? null : at(d.resolvedH),
      })
      .returning({ id: tasks.id });
    await tx.insert(taskEvents).values({ companyId, taskId: row!.id, type: 'created', actorType: 'system', data: { source: d.type }, at: at(d.createdH) });
    if (!routed || !assignee) continue;
    await tx.insert(taskEvents).values({ companyId, taskId: row!.id, type: 'assigned', actorType: 'system', actorId: 'task-orchestrator', data: { to: assignee, reason: 'assignment rule' }, at: at(d.createdH) });
    if (d.status === 'done') {
      await tx.insert(taskEvents).values({ companyId, taskId: row!.id, type: 'status_changed', actorType: 'user', actorId: assignee, data: { from: 'open', to: 'done' }, at: at(d.resolvedH ?? d.lastActivityH) });
    } else {
      await tx.insert(notifications).values({ companyId, userId: assignee, taskId: row!.id, kind: 'assigned', message: `New task: ${d.title}`, createdAt: at(d.createdH) });
    }
  }
}
