import { describe, expect, it } from 'vitest';
import type { FieldTree } from '../../shared/cel/field-tree.ts';
import { celCompletions } from './completion.ts';

const tree: FieldTree = {
  event: { type: 'map', children: { name: { type: 'string' }, data: { type: 'map', children: { amount: { type: 'number' }, sku: { type: 'string' }, meta: { type: 'map', children: { source: { type: 'string' } } } } } } },
  steps: {
    type: 'map',
    children: {
      score_ab12cd: { type: 'map', children: { score: { type: 'number' } } },
      'transform-31libs': { type: 'map', children: { total: { type: 'number' } } },
    },
  },
  data: { type: 'map', children: {} },
  run: { type: 'map', children: { id: { type: 'string' } } },
};

const labels = (text: string) => celCompletions(text, tree)?.options.map((o) => o.label);

describe('celCompletions', () => {
  it('offers the fields of event.data, filtered by what is typed', () => {
    expect(labels('event.data.')).toEqual(['amount', 'sku', 'meta']);
    const r = celCompletions('event.data.am', tree)!;
    expect(r).toEqual({ from: 11, options: [{ label: 'amount', apply: 'amount', detail: 'number', type: 'property' }] });
    expect(labels('event.data.meta.')).toEqual(['source']);
    expect(labels('size(event.data.')).toEqual(['amount', 'sku', 'meta']);
  });

  it('offers step ids in a form that parses: dotted identifiers, bracketed dashed ids replacing the dot', () => {
    const r = celCompletions('steps.', tree)!;
    expect(r.from).toBe(5);
    expect(r.options.map((o) => [o.label, o.apply])).toEqual([
      ['score_ab12cd', '.score_ab12cd'],
      ['["transform-31libs"]', '["transform-31libs"]'],
    ]);
    expect(celCompletions('steps.sc', tree)).toEqual({ from: 6, options: [{ label: 'score_ab12cd', apply: 'score_ab12cd', detail: 'map', type: 'property' }] });
  });

  it('follows bracketed segments to their fields', () => {
    expect(labels('steps["transform-31libs"].')).toEqual(['total']);
    expect(labels('steps.score_ab12cd.s')).toEqual(['score']);
  });

  it('offers the variables and functions for a bare word, and nothing inside a string or past the known fields', () => {
    expect(labels('ev')).toEqual(['event']);
    expect(labels('event.data.amount > 1 && st')).toEqual(['steps', 'string', 'startsWith']);
    expect(celCompletions('"event.data.', tree)).toBeNull();
    expect(celCompletions('event.data.sku.', tree)).toBeNull();
    expect(celCompletions('event.nosuch.', tree)).toBeNull();
  });
});
