import { describe, expect, it } from 'vitest';
import { celEntries } from './cel-fields.ts';
import { STEP_REGISTRY } from './registry.ts';

describe('celEntries', () => {
  it('finds plain, optional and defaulted CEL fields, and each value of a CEL record', () => {
    expect(celEntries(STEP_REGISTRY.condition.config, { expression: 'steps.a.ok' })).toEqual([{ field: 'expression', expression: 'steps.a.ok' }]);
    expect(celEntries(STEP_REGISTRY.transform.config, { mapping: { total: 'steps.a.n + 1', label: '"x"' } })).toEqual([
      { field: 'mapping.total', expression: 'steps.a.n + 1' },
      { field: 'mapping.label', expression: '"x"' },
    ]);
    expect(celEntries(STEP_REGISTRY.update_product_field.config, { attribute: 'title', value: 'steps.g.title' }).map((e) => e.field)).toEqual(['value']);
  });

  it('ignores fields that are not CEL, and empty or missing ones', () => {
    expect(celEntries(STEP_REGISTRY.delay.config, { duration: '1m' })).toEqual([]);
    expect(celEntries(STEP_REGISTRY.condition.config, { expression: '  ' })).toEqual([]);
    expect(celEntries(STEP_REGISTRY.http_request.config, { url: 'https://x.example', headers: { a: 'steps.nosuch' } })).toEqual([]);
  });
});
