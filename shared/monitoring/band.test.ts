import { describe, expect, it } from 'vitest';
import { bandNote, bandOfScore, complianceBand } from './band.ts';

describe('compliance band: one rule', () => {
  it('a score earns its band; a critical finding caps a compliant score at at-risk, and the note says why', () => {
    expect([bandOfScore(85), bandOfScore(84.9), bandOfScore(40), bandOfScore(39.9)]).toEqual(['compliant', 'at_risk', 'at_risk', 'non_compliant']);
    expect(complianceBand(92, ['warning'])).toBe('compliant');
    expect(complianceBand(97, ['info', 'critical'])).toBe('at_risk');
    expect(complianceBand(30, ['critical'])).toBe('non_compliant');
    expect(bandNote(97, 'at_risk')).toBe('a critical finding caps it');
    expect(bandNote(92, 'compliant')).toBeNull();
    expect(bandNote(60, 'at_risk')).toBeNull();
    expect(bandNote(null, null)).toBeNull();
  });
});
