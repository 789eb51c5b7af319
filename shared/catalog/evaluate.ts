/**
 * Everything the audit checks for one product at one retailer, deterministically (DOMAIN.md F13 step 2):
 * completeness against the spec, the retailer's text rules, the uppercase criterion and the GTIN check digit.
 */
import { completeness, type CompletenessSpec } from './completeness.ts';
import { gtinMessage, gtinProblem } from './gtin.ts';
import { checkCopy, checkUppercase, productScore, type RuleFinding, type TextRules } from './text-rules.ts';
import { valueItems, valueText } from './values.ts';
import type { AttributeType } from './vocab.ts';

export interface ProductEvaluation {
  findings: RuleFinding[];
  completeness: number;
  missing: string[];
  score: number;
}

export function evaluateProduct(input: {
  spec: CompletenessSpec | null;
  rules: TextRules;
  values: Record<string, unknown>;
  types: Record<string, AttributeType>;
  gtin: string | null;
  brand: string;
  attributeLabel: (code: string) => string;
}): ProductEvaluation {
  const findings: RuleFinding[] = [];
  const c = input.spec ? completeness(input.spec, input.values, input.types) : { ratio: 100, missing: [], required: 0 };
  for (const code of c.missing) {
    const minItems = input.spec?.requirementParams[code]?.minItems;
    const partial = minItems !== undefined && valueItems(input.values[code]).length > 0;
    findings.push({
      rule: 'REQUIRED_ATTRIBUTE_MISSING',
      severity: 'error',
      attribute: code,
      message: partial ? `${input.attributeLabel(code)} needs at least ${minItems} entries (has ${valueItems(input.values[code]).length})` : `${input.attributeLabel(code)} is required and empty`,
      ...(minItems !== undefined ? { expected: minItems, observed: valueItems(input.values[code]).length } : {}),
    });
  }
  const copy = {
    title: valueText(input.values.title),
    bullets: valueItems(input.values.bullets),
    description: valueText(input.values.description),
    brand: input.brand,
  };
  findings.push(...checkCopy(input.rules, copy), ...checkUppercase(copy));
  if (input.gtin) {
    const problem = gtinProblem(input.gtin);
    if (problem) findings.push({ rule: problem, severity: 'error', attribute: 'gtin', message: gtinMessage(problem, input.gtin), observed: input.gtin });
  }
  return { findings, completeness: c.ratio, missing: c.missing, score: productScore(findings) };
}
