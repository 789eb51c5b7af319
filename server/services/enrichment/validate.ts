/**
 * Deterministic checks of one suggestion (DOMAIN.md F4 step 4), before anyone trusts it: the value has the
 * attribute's shape, enum membership and units (via the catalog's own value parser), lengths, the retailer's text
 * rules (the same §3.2 checks the audits run), the GTIN is never touched, and each evidence quote really occurs in
 * the product's source text. Pure: the pipeline and the review procedures share it.
 */
import { checkCopy, type RuleFinding, type TextRules } from '../../../shared/catalog/text-rules.ts';
import { checkValue, parseValueText, type AttributeDef, type AttributeValue } from '../../../shared/catalog/values.ts';
import type { FindingSeverity } from '../../../shared/catalog/vocab.ts';

export interface ValidationNote {
  rule: string;
  severity: FindingSeverity;
  message: string;
}

export interface EvidenceQuote {
  sourceField: string;
  quote: string;
}

export interface CheckedEvidence extends EvidenceQuote {
  found: boolean;
}

export interface ValidationResult {
  /** The value in the attribute's shape, or null when it could not be read. */
  value: AttributeValue | null;
  notes: ValidationNote[];
  errors: number;
  evidence: CheckedEvidence[];
  /** Every quote was found in the source text (and there was at least one). */
  evidenceFound: boolean;
  /** At least one quote was found: the suggestion rests on something the supplier wrote. */
  grounded: boolean;
}

export interface SuggestionInput {
  attribute: AttributeDef;
  /** What the model proposed: text, a list of bullets, a number, an option, "12 oz"… */
  raw: unknown;
  evidence: EvidenceQuote[];
  /** Every rule set the copy must meet (the target retailer's, or each retailer selling the category). */
  rules: TextRules[];
  brand: string;
  gtin: string | null;
  /** The product's source text by field (supplier title, description, bullets, import row…). */
  sourceText: Record<string, string>;
}

export function validateSuggestion(s: SuggestionInput): ValidationResult {
  const notes: ValidationNote[] = [];
  const note = (rule: string, severity: FindingSeverity, message: string) => notes.push({ rule, severity, message });
  const value = toValue(s.attribute, s.raw, note);

  if (s.attribute.code === 'gtin') note('GTIN_UNTOUCHED', 'error', 'Enrichment never changes a GTIN');
  if (value && (s.attribute.code === 'title' || s.attribute.code === 'bullets' || s.attribute.code === 'description')) {
    const copy = { title: '', bullets: [] as string[], description: '', brand: s.brand };
    if (s.attribute.code === 'title') copy.title = (value as { text: string }).text ?? '';
    if (s.attribute.code === 'description') copy.description = (value as { text: string }).text ?? '';
    if (s.attribute.code === 'bullets') copy.bullets = (value as { items: string[] }).items ?? [];
    for (const rules of s.rules) for (const f of checkCopy(rules, copy) as RuleFinding[]) if (f.attribute === s.attribute.code) note(f.rule, f.severity, f.message);
  }
  if (value && s.gtin) {
    // A 12–14 digit run in generated text that is not the product's GTIN is an invented identifier.
    const own = s.gtin.replace(/^0+/, '');
    for (const digits of JSON.stringify(value).match(/\d{12,14}/g) ?? []) {
      if (digits.replace(/^0+/, '') !== own) note('GTIN_UNTOUCHED', 'error', `Suggested text contains an identifier (${digits}) that is not this product's GTIN`);
    }
  }

  const haystack = normalize(Object.values(s.sourceText).join('\n'));
  const evidence = s.evidence.map((e) => ({ ...e, found: e.quote.trim() !== '' && haystack.includes(normalize(e.quote)) }));
  const grounded = evidence.some((e) => e.found);
  const evidenceFound = evidence.length > 0 && evidence.every((e) => e.found);
  if (evidence.length === 0) note('EVIDENCE_MISSING', 'warning', 'No evidence quoted from the source text');
  for (const e of evidence) if (!e.found) note('EVIDENCE_NOT_FOUND', 'warning', `Quote not found in the source text: "${e.quote.slice(0, 80)}"`);

  return { value, notes, errors: notes.filter((n) => n.severity === 'error').length, evidence, evidenceFound, grounded };
}

/** Reads the model's raw answer as a value of the attribute (units normalized, options checked). */
function toValue(attr: AttributeDef, raw: unknown, note: (rule: string, severity: FindingSeverity, message: string) => void): AttributeValue | null {
  let candidate: unknown;
  if (raw === null || raw === undefined || raw === '') {
    note('VALUE_MISSING', 'error', 'No value was proposed');
    return null;
  }
  if (attr.type === 'text_list') {
    candidate = { items: (Array.isArray(raw) ? raw : [raw]).map((x) => String(x).trim()).filter(Boolean) };
  } else if (typeof raw === 'object') {
    candidate = raw;
  } else if (attr.type === 'simple_select') {
    // "Medium" or "medium dark" name an option; anything else stays as said and fails the enum check below.
    const said = String(raw).trim();
    const key = said.toLowerCase().replace(/[\s-]+/g, '_');
    candidate = { option: attr.validation.options?.find((o) => o === key) ?? said };
  } else {
    const parsed = parseValueText(attr, String(raw));
    if (!parsed.ok) {
      note('VALUE_SHAPE', 'error', `${attr.label}: ${parsed.message}`);
      return null;
    }
    candidate = parsed.value;
  }
  const checked = checkValue(attr, candidate);
  if (!checked.ok) {
    const isEnum = (attr.type === 'simple_select' || attr.type === 'multi_select') && attr.validation.options !== undefined;
    note(isEnum ? 'ENUM_MEMBERSHIP' : 'VALUE_CONSTRAINT', 'error', `${attr.label}: ${checked.message}`);
    return candidate as AttributeValue;
  }
  return checked.value;
}

/** Case, quotes, dashes and whitespace differences don't make a quote "not found". */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
