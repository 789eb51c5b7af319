import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mergeNodes, treeFromSchema, treeFromValue } from './field-tree.ts';

describe('field trees', () => {
  it('reads a zod object, unwrapping optional and nullable fields', () => {
    const schema = z.object({ id: z.string(), n: z.number().optional(), tags: z.array(z.string()), meta: z.object({ ok: z.boolean().nullable() }) });
    expect(treeFromSchema(schema)).toEqual({
      type: 'map',
      children: { id: { type: 'string' }, n: { type: 'number' }, tags: { type: 'list' }, meta: { type: 'map', children: { ok: { type: 'bool' } } } },
    });
  });

  it('reads JSON, and merges what a schema and a real payload know', () => {
    const fromValue = treeFromValue({ amount: 120, extra: { note: null } });
    expect(fromValue.children!.extra).toEqual({ type: 'map', children: { note: { type: 'null' } } });
    const merged = mergeNodes(treeFromSchema(z.object({ amount: z.unknown(), sku: z.string() })), fromValue);
    expect(Object.keys(merged.children!)).toEqual(['amount', 'sku', 'extra']);
    expect(merged.children!.amount!.type).toBe('number');
  });
});
