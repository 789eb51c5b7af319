import { describe, expect, it } from 'vitest';
import { edgeCountDescription, edgeCountText } from '../canvas/what-if-overlay.ts';
import { describeChange, parseSamples } from './what-if-text.ts';

describe('what-if words', () => {
  it('writes an edge count as taken of total, with the uncertain ones apart', () => {
    expect(edgeCountText({ taken: 37, uncertain: 0 }, 50)).toBe('37/50');
    expect(edgeCountText({ taken: 2, uncertain: 3 }, 50)).toBe('2/50 +3?');
    expect(edgeCountDescription({ taken: 1, uncertain: 0 }, 1)).toBe('1 of 1 run would take this connection');
    expect(edgeCountDescription({ taken: 2, uncertain: 3 }, 5)).toMatch(/3 more might/);
  });

  it('reads sample payloads: one object or a list, refusing what is not an object', () => {
    expect(parseSamples('{"amount": 5}')).toEqual({ samples: [{ amount: 5 }] });
    expect(parseSamples('[{"a":1},{"a":2}]')).toEqual({ samples: [{ a: 1 }, { a: 2 }] });
    expect(parseSamples('[]')).toEqual({ error: 'Give at least one payload.' });
    expect(parseSamples('[{"a":1}, 3]')).toEqual({ error: 'Payload 2 is not a JSON object.' });
    expect(parseSamples('{oops')).toMatchObject({ error: expect.stringMatching(/^Not JSON/) });
  });

  it('says how a run changed, by step name', () => {
    const names: Record<string, string> = { n3: 'Review', n4: 'Apply' };
    expect(describeChange({ runId: 'r', label: 'r', added: ['n4'], removed: ['n3'], newApprovals: [] }, (id) => names[id] ?? id)).toBe('now runs Apply; no longer runs Review');
    expect(describeChange({ runId: 'r', label: 'r', added: ['n3'], removed: [], newApprovals: ['n3'] }, (id) => names[id] ?? id)).toBe('now runs Review; needs approval: Review');
  });
});
