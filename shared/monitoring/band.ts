/**
 * The one rule for a listing's compliance band, which the watchdog stores and the monitoring page explains. The
 * score alone gives a band; a critical finding (a wrong pack size, a delisting) caps a "compliant" score at "at
 * risk", so a 97 with a wrong pack size is at risk while a clean 92 is compliant — and the page says why.
 */
import type { ComplianceBand, DriftSeverity } from './vocab.ts';

export const BAND_FLOORS = { compliant: 85, at_risk: 40 } as const;

/** The band a score earns on its own. */
export function bandOfScore(score: number): ComplianceBand {
  return score >= BAND_FLOORS.compliant ? 'compliant' : score >= BAND_FLOORS.at_risk ? 'at_risk' : 'non_compliant';
}

export function complianceBand(score: number, severities: readonly DriftSeverity[]): ComplianceBand {
  const band = bandOfScore(score);
  return band === 'compliant' && severities.includes('critical') ? 'at_risk' : band;
}

/** Why a listing's band is lower than its score alone would give, in a few words; null when the score explains it. */
export function bandNote(score: number | null, band: ComplianceBand | null): string | null {
  if (score === null || band === null) return null;
  return bandOfScore(score) === 'compliant' && band !== 'compliant' ? 'a critical finding caps it' : null;
}
