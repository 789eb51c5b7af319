/**
 * The text rules of DOMAIN.md §3.2, as pure checks over a product's copy. Every number and word list is a
 * parameter of the retailer (`retailers.text_rules`, overridden per category by the spec), so ops can tune them;
 * rule codes carry the retailer's prefix (AMZ_TITLE_MAX_200, WMT_TITLE_MAX_150, …).
 */
import { z } from 'zod';
import type { FindingSeverity } from './vocab.ts';

export const TextRulesSchema = z
  .object({
    prefix: z.string().regex(/^[A-Z]{2,5}$/),
    titleMax: z.number().int().positive().optional(),
    titleProhibitedChars: z.array(z.string()).optional(),
    titlePromoPhrases: z.array(z.string()).optional(),
    titleWordRepeatMax: z.number().int().positive().optional(),
    titleAllCaps: z.enum(['warning', 'error']).optional(),
    titleStartsWithBrand: z.boolean().optional(),
    bulletSpecialChars: z.array(z.string()).optional(),
    bulletProhibitedPhrases: z.array(z.string()).optional(),
    bulletPlaceholders: z.array(z.string()).optional(),
    bulletCountRecommended: z.number().int().positive().optional(),
    bulletMaxWarn: z.number().int().positive().optional(),
    bulletMaxError: z.number().int().positive().optional(),
    descriptionMinWords: z.number().int().positive().optional(),
    noHtml: z.boolean().optional(),
    noContact: z.boolean().optional(),
  })
  .strict();
export type TextRules = z.infer<typeof TextRulesSchema>;

export interface RuleFinding {
  rule: string;
  severity: FindingSeverity;
  attribute: string | null;
  message: string;
  expected?: unknown;
  observed?: unknown;
}

export interface ProductCopy {
  title: string;
  bullets: string[];
  description: string;
  brand: string;
}

/** Articles, prepositions and conjunctions may repeat in a title (Amazon's "same word more than twice" rule). */
const REPEAT_EXEMPT = new Set(['a', 'an', 'the', 'and', 'or', 'for', 'with', 'of', 'in', 'on', 'to', 'by', 'at', 'from', '&', 'nor', 'but']);

export function checkCopy(rules: TextRules, copy: ProductCopy): RuleFinding[] {
  const p = rules.prefix;
  const out: RuleFinding[] = [];
  const add = (rule: string, severity: FindingSeverity, attribute: string, message: string, expected?: unknown, observed?: unknown) =>
    out.push({ rule: `${p}_${rule}`, severity, attribute, message, ...(expected !== undefined ? { expected } : {}), ...(observed !== undefined ? { observed } : {}) });
  const title = copy.title.trim();

  if (title) {
    if (rules.titleMax !== undefined && title.length > rules.titleMax) {
      add(`TITLE_MAX_${rules.titleMax}`, 'error', 'title', `Title has ${title.length} characters; at most ${rules.titleMax} allowed`, rules.titleMax, title.length);
    }
    const chars = (rules.titleProhibitedChars ?? []).filter((c) => title.includes(c));
    if (chars.length) add('TITLE_PROHIBITED_CHARS', 'error', 'title', `Title uses prohibited characters: ${chars.join(' ')}`, [], chars);
    const promos = phrasesIn(title, rules.titlePromoPhrases);
    if (promos.length) add('TITLE_PROMO_PHRASE', 'error', 'title', `Title contains promotional phrases: ${promos.map((x) => `"${x}"`).join(', ')}`, [], promos);
    if (rules.titleWordRepeatMax !== undefined) {
      const counts = new Map<string, number>();
      for (const w of title.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []) if (!REPEAT_EXEMPT.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      const repeated = [...counts].filter(([, n]) => n > rules.titleWordRepeatMax!).map(([w]) => w);
      if (repeated.length) add('TITLE_WORD_REPEAT', 'warning', 'title', `Title repeats ${repeated.map((w) => `"${w}"`).join(', ')} more than ${rules.titleWordRepeatMax} times`, rules.titleWordRepeatMax, repeated);
    }
    if (rules.titleAllCaps && isAllCaps(title)) add('TITLE_ALL_CAPS', rules.titleAllCaps, 'title', 'Title is written in capitals only');
    if (rules.titleStartsWithBrand && copy.brand && !title.toLowerCase().startsWith(copy.brand.toLowerCase())) {
      add('TITLE_RECIPE', 'warning', 'title', `Title should start with the brand "${copy.brand}"`, copy.brand, title.slice(0, copy.brand.length));
    }
  }

  copy.bullets.forEach((bullet, i) => {
    const n = i + 1;
    const special = (rules.bulletSpecialChars ?? []).filter((c) => bullet.includes(c));
    // Emoji count only where the retailer bans special characters in bullets at all (™ and © are pictographic too).
    const emoji = rules.bulletSpecialChars !== undefined && /\p{Extended_Pictographic}/u.test(bullet.replace(/[™®©]/g, ''));
    if (special.length || emoji) add('BULLET_SPECIAL_CHARS', 'error', 'bullets', `Bullet ${n} uses special characters or emoji: ${special.join(' ') || 'emoji'}`, [], special);
    const placeholders = (rules.bulletPlaceholders ?? []).filter((ph) => bullet.trim().toLowerCase() === ph.toLowerCase());
    if (placeholders.length) add('BULLET_PLACEHOLDER', 'error', 'bullets', `Bullet ${n} is a placeholder ("${bullet.trim()}")`);
    const phrases = phrasesIn(bullet, rules.bulletProhibitedPhrases);
    if (phrases.length) add('BULLET_PROHIBITED_PHRASE', 'error', 'bullets', `Bullet ${n} uses prohibited phrases: ${phrases.map((x) => `"${x}"`).join(', ')}`, [], phrases);
    if (rules.bulletMaxError !== undefined && bullet.length > rules.bulletMaxError) add('BULLET_LENGTH', 'error', 'bullets', `Bullet ${n} has ${bullet.length} characters; at most ${rules.bulletMaxError}`, rules.bulletMaxError, bullet.length);
    else if (rules.bulletMaxWarn !== undefined && bullet.length > rules.bulletMaxWarn) add('BULLET_LENGTH', 'warning', 'bullets', `Bullet ${n} has ${bullet.length} characters; ${rules.bulletMaxWarn} or fewer read best`, rules.bulletMaxWarn, bullet.length);
  });
  if (rules.bulletCountRecommended !== undefined && copy.bullets.length > 0 && copy.bullets.length < rules.bulletCountRecommended) {
    add('BULLET_COUNT', 'warning', 'bullets', `${copy.bullets.length} bullets; ${rules.bulletCountRecommended} recommended`, rules.bulletCountRecommended, copy.bullets.length);
  }

  const description = copy.description.trim();
  if (description && rules.descriptionMinWords !== undefined) {
    const words = description.split(/\s+/).filter(Boolean).length;
    if (words < rules.descriptionMinWords) add('DESC_MIN_WORDS', 'warning', 'description', `Description has ${words} words; at least ${rules.descriptionMinWords}`, rules.descriptionMinWords, words);
  }
  for (const [attribute, text] of [['title', title], ['bullets', copy.bullets.join('\n')], ['description', description]] as const) {
    if (rules.noHtml && /<(?!br\s*\/?>)[a-z!/][^>]*>/i.test(text)) add('TEXT_NO_HTML', 'error', attribute, `${cap(attribute)} contains HTML`);
    if (rules.noContact && /(https?:\/\/|www\.|[\w.+-]+@[\w-]+\.[\w.]+|\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b)/i.test(text)) add('TEXT_NO_CONTACT', 'error', attribute, `${cap(attribute)} contains a URL, e-mail address or phone number`);
  }
  return out;
}

/**
 * Checks every retailer shares: Akeneo DQI's "uppercase words" criterion rates a text 0 when it is entirely in capitals.
 */
export function checkUppercase(copy: ProductCopy): RuleFinding[] {
  return copy.description.trim() && isAllCaps(copy.description)
    ? [{ rule: 'DQI_UPPERCASE_WORDS', severity: 'warning', attribute: 'description', message: 'Description is written in capitals only (uppercase-words criterion 0)' }]
    : [];
}

function phrasesIn(text: string, phrases: string[] | undefined): string[] {
  const lower = text.toLowerCase();
  return (phrases ?? []).filter((ph) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(ph.toLowerCase())}($|[^\\p{L}])`, 'u').test(lower));
}

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && letters === letters.toUpperCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Akeneo DQI grades (Rank.php): A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else E. */
export function grade(score: number): 'A' | 'B' | 'C' | 'D' | 'E' {
  return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'E';
}

/** Per product: 100 − (15 per error + 5 per warning), never below 0 (DOMAIN.md F13 step 4). */
export const PENALTY = { error: 15, warning: 5, info: 0 } as const satisfies Record<FindingSeverity, number>;

export function productScore(findings: { severity: FindingSeverity }[]): number {
  return Math.max(0, 100 - findings.reduce((s, f) => s + PENALTY[f.severity], 0));
}
