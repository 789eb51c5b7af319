/**
 * PDP compliance scoring and drift findings (DOMAIN.md §3.4, F9.3): each field scored 0–100 against what was
 * syndicated, weighted into an overall score and band, and every difference worth recording turned into a finding
 * draft. Text that is neither clearly the same nor clearly different (similarity 0.4–0.85) is marked `ambiguous`
 * for Claude to classify; `classifyDeterministic` is the answer when Claude is not available.
 */
import { bandOfScore, complianceBand } from '../../../shared/monitoring/band.ts';
import type { ComplianceBand, DriftClassification, DriftSeverity } from '../../../shared/monitoring/vocab.ts';
import { hammingDistance } from '../assets/measure.ts';
import type { ExtractedPdp } from './extract.ts';
import { formatPack, packFacts, packMismatch, type PackFact } from './pack-size.ts';
import { normalizeText, round2, tokenSimilarity, tokens, wordOverlap } from './text-similarity.ts';

export const WEIGHTS = { title: 0.35, image: 0.3, bullets: 0.2, description: 0.15 } as const;
/** dHash Hamming distance (of 64 bits) at or under which two images are the same picture (design). */
export const SAME_IMAGE_MAX_DISTANCE = 10;
export const AMBIGUOUS = { min: 0.4, max: 0.85 } as const;
/** Brandbank's "≥ 70% of words match in both directions". */
export const COPY_MATCH = 0.7;

export interface Golden {
  title: string | null;
  bullets: string[];
  description: string | null;
  /** dHash of the approved main image; null when unknown (the image is then not scored). */
  mainImageDhash: string | null;
  /** Pack size facts the product really has (net content, the syndicated title). */
  packFacts: PackFact[];
}

export interface Observed {
  extracted: ExtractedPdp;
  heroDhash: string | null;
}

export type DriftField = 'title' | 'bullets' | 'description' | 'image' | 'pack_size' | 'page';

export interface FindingDraft {
  field: DriftField;
  expected: unknown;
  observed: unknown;
  similarity: number | null;
  classification: DriftClassification;
  severity: DriftSeverity;
  explanation: string;
  /** Text in the 0.4–0.85 band: Claude (classify_pdp_drift) decides what kind of drift it is. */
  ambiguous: boolean;
}

export interface FieldScores {
  title: number | null;
  bullets: number | null;
  description: number | null;
  image: number | null;
}

export interface ComplianceResult {
  scores: FieldScores;
  overall: number;
  band: ComplianceBand;
  findings: FindingDraft[];
}

/** The score-only band (shared/monitoring/band.ts holds the rule, with the cap a critical finding puts on it). */
export const bandOf = bandOfScore;

/** Weighted mean over the fields that could be scored (weights renormalized). */
export function overallScore(s: FieldScores): number {
  let sum = 0;
  let w = 0;
  for (const k of Object.keys(WEIGHTS) as (keyof FieldScores)[]) {
    const v = s[k];
    if (v === null) continue;
    sum += v * WEIGHTS[k];
    w += WEIGHTS[k];
  }
  return w ? Math.round((sum / w) * 10) / 10 : 0;
}

function textDraft(field: 'title' | 'description' | 'bullets', expected: string, observed: string, similarity: number, clearlySame: number): FindingDraft | null {
  if (similarity >= clearlySame) return similarity >= 1 || normalizeText(expected) === normalizeText(observed) ? null : { field, expected, observed, similarity: round2(similarity), classification: 'stale_copy', severity: 'info', explanation: `The page's ${field} differs slightly from what was syndicated.`, ambiguous: false };
  if (similarity < AMBIGUOUS.min) return { field, expected, observed, similarity: round2(similarity), classification: 'material_change', severity: 'warning', explanation: `The page's ${field} has little in common with what was syndicated.`, ambiguous: false };
  return { field, expected, observed, similarity: round2(similarity), classification: 'stale_copy', severity: 'warning', explanation: '', ambiguous: true };
}

function bullets(expected: string[], observed: string[]): { score: number | null; finding: FindingDraft | null } {
  if (!expected.length) return { score: null, finding: null };
  if (!observed.length) return { score: 0, finding: { field: 'bullets', expected, observed, similarity: 0, classification: 'missing', severity: 'warning', explanation: 'The page shows no bullet points.', ambiguous: false } };
  const best = observed.map((o) => Math.max(...expected.map((e) => tokenSimilarity(e, o))));
  const mean = best.reduce((a, b) => a + b, 0) / best.length;
  const countRatio = Math.min(1, observed.length / expected.length);
  const score = Math.round(100 * mean * countRatio * 10) / 10;
  if (mean >= AMBIGUOUS.max && countRatio < 1) {
    return { score, finding: { field: 'bullets', expected, observed, similarity: round2(countRatio), classification: 'truncated', severity: 'warning', explanation: `The page shows ${observed.length} of ${expected.length} bullet points.`, ambiguous: false } };
  }
  if (mean >= 0.999) return { score, finding: null };
  const d = textDraft('bullets', expected.join('\n'), observed.join('\n'), mean, AMBIGUOUS.max);
  return { score, finding: d ? { ...d, expected, observed } : null };
}

function description(expected: string | null, observed: string | null): { score: number | null; finding: FindingDraft | null } {
  if (!expected) return { score: null, finding: null };
  if (!observed) return { score: 0, finding: { field: 'description', expected, observed: null, similarity: 0, classification: 'missing', severity: 'warning', explanation: 'The page shows no description.', ambiguous: false } };
  const o = wordOverlap(expected, observed);
  const sim = Math.min(o.expectedCovered, o.observedCovered);
  if (o.contained || sim >= COPY_MATCH) return { score: 100, finding: null };
  return { score: Math.round(sim * 1000) / 10, finding: textDraft('description', expected, observed, sim, COPY_MATCH) };
}

export function scorePdp(golden: Golden, observed: Observed): ComplianceResult {
  const x = observed.extracted;
  const findings: FindingDraft[] = [];
  let title: number | null = null;
  if (golden.title) {
    if (!x.title) {
      title = 0;
      findings.push({ field: 'title', expected: golden.title, observed: null, similarity: 0, classification: 'missing', severity: 'warning', explanation: 'The page shows no title.', ambiguous: false });
    } else {
      const same = normalizeText(golden.title) === normalizeText(x.title);
      const sim = same ? 1 : tokenSimilarity(golden.title, x.title);
      title = Math.round(sim * 1000) / 10;
      const d = same ? null : textDraft('title', golden.title, x.title, sim, AMBIGUOUS.max);
      if (d) findings.push(d);
    }
  }
  const b = bullets(golden.bullets, x.bullets);
  if (b.finding) findings.push(b.finding);
  const d = description(golden.description, x.description);
  if (d.finding) findings.push(d.finding);

  let image: number | null = null;
  if (golden.mainImageDhash) {
    if (!observed.heroDhash && x.images.length) {
      // The page has a hero image we could not read (fetch refused or failed): unknown, not wrong.
      image = null;
    } else if (!observed.heroDhash) {
      image = 0;
      findings.push({ field: 'image', expected: { dhash: golden.mainImageDhash }, observed: { images: x.images }, similarity: 0, classification: 'missing', severity: 'warning', explanation: 'The page shows no hero image (or it could not be read).', ambiguous: false });
    } else {
      const distance = hammingDistance(golden.mainImageDhash, observed.heroDhash!);
      image = distance <= SAME_IMAGE_MAX_DISTANCE ? 100 : 0;
      if (image === 0) findings.push({ field: 'image', expected: { dhash: golden.mainImageDhash }, observed: { dhash: observed.heroDhash, url: x.images[0] ?? null, distance }, similarity: round2(1 - distance / 64), classification: 'wrong_image', severity: 'warning', explanation: `The hero image differs from the approved main image (dHash distance ${distance} of 64).`, ambiguous: false });
    }
  }

  const pageFacts = x.title ? packFacts(x.title) : [];
  const mismatch = packMismatch(golden.packFacts, pageFacts);
  if (mismatch) {
    findings.push({ field: 'pack_size', expected: formatPack(mismatch.expected), observed: formatPack(mismatch.observed), similarity: null, classification: 'pack_size_mismatch', severity: 'critical', explanation: `The page says ${formatPack(mismatch.observed)}; the product is ${formatPack(mismatch.expected)}.`, ambiguous: false });
  }

  const scores = { title, bullets: b.score, description: d.score, image };
  const overall = overallScore(scores);
  // A critical finding (wrong pack size) makes a listing non-compliant in substance whatever its text score.
  const band = complianceBand(overall, findings.map((f) => f.severity));
  return { scores, overall, band, findings };
}

/** A page that is gone (404/410). */
export function delistedResult(status: number, url: string): ComplianceResult {
  return {
    scores: { title: null, bullets: null, description: null, image: null },
    overall: 0,
    band: 'non_compliant',
    findings: [{ field: 'page', expected: { url }, observed: { status }, similarity: null, classification: 'delisted', severity: 'critical', explanation: `The product page answers ${status}: the listing appears to be delisted.`, ambiguous: false }],
  };
}

/** Without Claude: a page text whose words all occur in the syndicated text is cut short; otherwise it is stale. */
export function classifyDeterministic(f: FindingDraft): Pick<FindingDraft, 'classification' | 'severity' | 'explanation'> {
  const exp = Array.isArray(f.expected) ? f.expected.join(' ') : String(f.expected ?? '');
  const obs = Array.isArray(f.observed) ? f.observed.join(' ') : String(f.observed ?? '');
  const e = new Set(tokens(exp));
  const o = tokens(obs);
  if (o.length && o.length < e.size && o.every((t) => e.has(t))) return { classification: 'truncated', severity: 'warning', explanation: `The page shows a shortened ${f.field} (classified without Claude).` };
  return { classification: 'stale_copy', severity: 'warning', explanation: `The page's ${f.field} differs from what was syndicated (classified without Claude).` };
}
