import { describe, expect, it } from 'vitest';
import { celPreview, formatValue } from './preview.ts';

const vars = { event: { name: 'x', data: { amount: 120, items: [1, 2, 3] } }, steps: { s_1: { score: 11 } }, data: {}, run: { id: 'r', workflowId: 'w' } };

describe('celPreview', () => {
  it('evaluates with the server rules: whole numbers are ints, results plain JSON', () => {
    expect(celPreview('event.data.amount > 100', vars)).toEqual({ kind: 'value', text: 'true' });
    expect(celPreview('event.data.amount * 2', vars)).toEqual({ kind: 'value', text: '240' });
    expect(celPreview('event.data.items.map(i, i * 2)', vars)).toEqual({ kind: 'value', text: '[2,4,6]' });
    expect(celPreview('steps.s_1.score + 1', vars)).toEqual({ kind: 'value', text: '12' });
    expect(celPreview('{"a": event.data.amount}', vars)).toEqual({ kind: 'value', text: '{"a":120}' });
  });

  it('says why it has no value, and nothing for an empty expression', () => {
    expect(celPreview('event.data.nosuch > 1', vars).kind).toBe('error');
    expect(celPreview('  ', vars)).toEqual({ kind: 'empty' });
  });

  it('cuts long values', () => {
    expect(formatValue('x'.repeat(500)).length).toBe(160);
  });
});
