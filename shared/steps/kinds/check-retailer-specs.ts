import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';

/**
 * Checks one retailer's spec files now (the change sentinel, invoked as a child run): a new version is diffed, the
 * products it breaks are counted and a spec-change task is opened. Output: `changes` (new versions found) and
 * `affectedProducts`, e.g. a following condition `steps.<id>.changes > 0`.
 */
export const checkRetailerSpecsStep = defineStep({
  kind: 'check_retailer_specs',
  type: 'action',
  title: 'Check retailer specs',
  icon: '📐',
  category: 'Data',
  description: "Fetches a retailer's item spec, compares it with the current version, and lists the products a change breaks.",
  config: z
    .object({
      retailer: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a retailer code, like walmart_us').describe('Retailer (code)'),
    })
    .strict(),
  defaultConfig: { retailer: 'walmart_us' },
  summary: (c) => `Checks ${str(c.retailer) || 'a retailer'}'s spec`,
});
