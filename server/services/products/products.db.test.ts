/** The catalog API on the seeded demo: list filters, editing with history and events, CSV import all or nothing. */
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { databaseFingerprint } from '../../trpc/tests/fingerprint.ts';

const companySlug = 'copper-kettle';

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message, details: (err.cause as { details?: unknown } | undefined)?.details };
    throw err;
  }
  throw new Error('expected a failure');
}

describe.each(dbTargets())('products API on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let editor: Caller;
  let viewer: Caller;
  const sent: CatalogEvent[] = [];
  const id = async (sku: string) => (await t.current.database.sql`select id from products where sku = ${sku} and company_id = (select id from companies where slug = ${companySlug})`)[0]!.id as string;

  beforeAll(async () => {
    editor = (await callerAs(t.current.database.db, 'rachel@copperkettle.example', async (events) => void sent.push(...events))).caller;
    viewer = (await callerAs(t.current.database.db, 'hannah@copperkettle.example')).caller;
  });

  it('lists with search, category and completeness filters', async () => {
    const all = await viewer.products.list({ companySlug, limit: 200 });
    expect(all.total).toBe(30);
    expect((await viewer.products.list({ companySlug, search: 'hazelnut' })).items.map((p) => p.sku)).toEqual(['LPC-GRD-HAZ-12']);
    expect((await viewer.products.list({ companySlug, search: '081234500030' })).items.map((p) => p.sku)).toEqual(['LPC-WB-COL-32']);
    expect((await viewer.products.list({ companySlug, category: 'hand_soap' })).total).toBe(10);
    const incompleteAtAmazon = await viewer.products.list({ companySlug, completeness: 'incomplete', retailer: 'amazon_us' });
    expect(incompleteAtAmazon.items.map((p) => p.sku).sort()).toEqual(['FW-HS-CIT-12', 'FW-HS-VAR-3PK', 'LPC-GRD-DEC-12', 'LPC-POD-HB-24', 'TH-TRN-SAL-6']);
    const page = await viewer.products.list({ companySlug, limit: 5, offset: 5 });
    expect({ n: page.items.length, total: page.total }).toEqual({ n: 5, total: 30 });
  });

  it('shows a product with its fields and Akeneo completeness per retailer', async () => {
    const p = await viewer.products.get({ companySlug, id: await id('LPC-GRD-DEC-12') });
    expect(p.title).toBe('Lantern Peak Decaf Swiss Water Process Ground Coffee, 12 oz');
    expect(p.fields.find((f) => f.code === 'roast_level')).toMatchObject({ type: 'simple_select', value: null, validation: { options: ['light', 'medium', 'medium_dark', 'dark'] } });
    expect(p.fields.find((f) => f.code === 'gtin')?.value).toEqual({ text: '00081234500054' });
    expect(p.completeness.find((c) => c.retailer === 'amazon_us')).toMatchObject({ ratio: 91, missing: ['roast_level'] });
    expect(p.listings.map((l) => l.retailer).sort()).toEqual(['amazon_us', 'walmart_us']);
  });

  it('an edit writes the value and history naming the person, emits product/field.changed after commit, and refreshes completeness', async () => {
    const productId = await id('LPC-GRD-DEC-12');
    sent.length = 0;
    const res = await editor.products.updateField({ companySlug, id: productId, attribute: 'roast_level', value: { option: 'medium' } });
    expect(res).toMatchObject({ changed: true });
    expect(sent).toEqual([
      {
        id: `field:${res.historyId}`,
        name: 'product/field.changed',
        data: expect.objectContaining({ productId, changes: [{ attribute: 'roast_level', channel: null, locale: 'en_US', old: null, new: { option: 'medium' } }], actor: { type: 'user', id: expect.any(String) } }),
      },
    ]);
    const history = await viewer.products.history({ companySlug, id: productId });
    expect(history[0]).toMatchObject({ attribute: 'roast_level', label: 'Roast level', old: null, new: { option: 'medium' }, actor: { type: 'user', name: 'Rachel Kim' }, run: null });
    expect((await viewer.products.get({ companySlug, id: productId })).completeness.find((c) => c.retailer === 'amazon_us')).toMatchObject({ ratio: 100, missing: [] });
    // The same value again changes nothing and sends nothing.
    sent.length = 0;
    expect(await editor.products.updateField({ companySlug, id: productId, attribute: 'roast_level', value: { option: 'medium' } })).toMatchObject({ changed: false, historyId: null });
    expect(sent).toEqual([]);
  });

  it('refuses bad values, foreign attributes and stale versions, writing nothing', async () => {
    const productId = await id('LPC-GRD-HB-12');
    const before = await databaseFingerprint(t.current.database.sql);
    expect(await failure(editor.products.updateField({ companySlug, id: productId, attribute: 'roast_level', value: { option: 'blonde-ish' } }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('"blonde-ish" is not one of') });
    expect(await failure(editor.products.updateField({ companySlug, id: productId, attribute: 'scent', value: { text: 'Lavender' } }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await failure(editor.products.updateField({ companySlug, id: productId, attribute: 'gtin', value: { text: '081234500019' } }))).toMatchObject({ code: 'BAD_REQUEST', message: 'GTIN 081234500019 has check digit 9, but 6 is correct' });
    expect(await failure(editor.products.updateField({ companySlug, id: productId, attribute: 'title', value: { text: 'x' }, expectedVersion: 999 }))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(viewer.products.updateField({ companySlug, id: productId, attribute: 'title', value: { text: 'x' } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  describe('CSV import', () => {
    const header = 'sku,category,title,gtin,brand,flavor,roast_level,net_content,bullets';
    const row = (sku: string, n: number, extra: Partial<Record<'gtin' | 'category' | 'roast' | 'net', string>> = {}) =>
      [sku, extra.category ?? 'coffee', `"Lantern Peak Test Roast ${n}, 12 oz"`, extra.gtin ?? '', 'Lantern Peak', 'Test', extra.roast ?? 'medium', extra.net ?? '12 oz', '"One|Two|Three"'].join(',');

    async function expectNothingWritten(csv: string, errors: unknown) {
      const before = await databaseFingerprint(t.current.database.sql);
      const f = await failure(editor.products.importCsv({ companySlug, filename: 'bad.csv', csv }));
      expect(f.code).toBe('BAD_REQUEST');
      expect(f.details).toMatchObject({ errors });
      expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
    }

    it('wrong columns: unknown and missing required columns, on line 1', async () => {
      await expectNothingWritten(`sku,categry,title,colour\nX-1,coffee,T,red\n`, [
        { line: 1, column: 2, columnName: 'categry', message: 'unknown column "categry": not an attribute code' },
        { line: 1, column: 4, columnName: 'colour', message: 'unknown column "colour": not an attribute code' },
        { line: 1, column: null, columnName: 'category', message: 'missing required column "category"' },
      ]);
    });

    it('a bad GTIN check digit, a bad value and an unknown category, each by line and column', async () => {
      await expectNothingWritten([header, row('CSV-OK-1', 1), row('CSV-BAD-2', 2, { gtin: '081234500209' }), row('CSV-BAD-3', 3, { roast: 'blonde', net: 'a lot' }), row('CSV-BAD-4', 4, { category: 'tea' })].join('\n'), [
        { line: 3, column: 4, columnName: 'gtin', message: 'GTIN 081234500209 has check digit 9, but 7 is correct' },
        { line: 4, column: 7, columnName: 'roast_level', message: '"blonde" is not one of light, medium, medium_dark, dark' },
        { line: 4, column: 8, columnName: 'net_content', message: '"a lot" is not an amount with a unit, like "12 oz" or "32 fl oz"' },
        { line: 5, column: 2, columnName: 'category', message: 'unknown category "tea"; use one of coffee, dog_treats, hand_soap' },
      ]);
    });

    it('duplicate rows and a row with the wrong number of cells', async () => {
      await expectNothingWritten([header, row('CSV-DUP', 1), row('CSV-OK-9', 9), row('csv-dup', 2), 'CSV-SHORT,coffee'].join('\r\n'), [
        { line: 4, column: 1, columnName: 'sku', message: 'duplicate SKU "csv-dup": already on line 2' },
        { line: 5, column: null, columnName: null, message: 'has 2 cells; the header has 9' },
      ]);
    });

    it('a good file creates and updates products, records history for updates and emits product/uploaded', async () => {
      sent.length = 0;
      const existing = await id('LPC-GRD-HB-12');
      const csv = [header, row('CSV-NEW-1', 1, { gtin: '081234500313' }), 'LPC-GRD-HB-12,coffee,"Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz",,,House Blend Classic,medium,12 oz,'].join('\n');
      const res = await editor.products.importCsv({ companySlug, filename: 'good.csv', csv });
      expect(res).toMatchObject({ rowCount: 2, created: 1, updated: 1 });
      const created = await viewer.products.get({ companySlug, id: await id('CSV-NEW-1') });
      expect(created).toMatchObject({ gtin: '00081234500313', brand: 'Lantern Peak', status: 'draft' });
      expect(created.fields.find((f) => f.code === 'bullets')?.value).toEqual({ items: ['One', 'Two', 'Three'] });
      expect((await viewer.products.history({ companySlug, id: existing }))[0]).toMatchObject({ attribute: 'flavor', new: { text: 'House Blend Classic' }, actor: { type: 'import', name: 'good.csv' } });
      expect(res).toMatchObject({ unchanged: 0 });
      expect(sent).toEqual([{ id: `import:${res.batchId}:0`, name: 'product/uploaded', data: expect.objectContaining({ source: 'csv', importBatchId: res.batchId, productIds: expect.arrayContaining([existing]) }) }]);
    });

    it('imports a 50,000-row file in one transaction, and measures it', { timeout: 300_000 }, async () => {
      const lines = [header];
      for (let i = 0; i < 50_000; i++) lines.push(row(`BULK-${String(i).padStart(5, '0')}`, i));
      const csv = lines.join('\n');
      const started = performance.now();
      const res = await editor.products.importCsv({ companySlug, filename: 'bulk.csv', csv });
      const ms = Math.round(performance.now() - started);
      console.log(`[csv-import] ${target.name}: 50,000 rows (${(csv.length / 1e6).toFixed(1)} MB) imported in ${ms} ms`);
      expect(res).toMatchObject({ rowCount: 50_000, created: 50_000 });
      const [counts] = await t.current.database.db.execute<{ products: number; values: number; completeness: number }>(sql`
        select (select count(*)::int from products where sku like 'BULK-%') as products,
               (select count(*)::int from product_values v join products p on p.id = v.product_id where p.sku like 'BULK-%') as values,
               (select count(*)::int from product_completeness c join products p on p.id = c.product_id where p.sku like 'BULK-%') as completeness`);
      expect(counts).toEqual({ products: 50_000, values: 50_000 * 5, completeness: 50_000 * 3 });
      // A bad row at the very end fails the whole file: nothing of the other 49,999 rows is written.
      const bad = [header, ...Array.from({ length: 49_999 }, (_, i) => row(`BULK2-${i}`, i)), row('BULK2-LAST', 1, { gtin: '123' })].join('\n');
      const f = await failure(editor.products.importCsv({ companySlug, filename: 'bulk2.csv', csv: bad }));
      expect(f.details).toEqual({ errorCount: 1, errors: [{ line: 50_001, column: 4, columnName: 'gtin', message: '"123" is not a GTIN: 8, 12, 13 or 14 digits expected' }] });
      expect((await t.current.database.sql`select count(*)::int n from products where sku like 'BULK2-%'`)[0]!.n).toBe(0);
    });
  });
});
