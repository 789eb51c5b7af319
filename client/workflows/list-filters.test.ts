import { describe, expect, it } from 'vitest';
import { applyFilters, isFiltered, NO_FILTERS, parseFilters, serializeFilters, TRIGGER_TYPES, type FilterableWorkflow } from './list-filters.ts';

const wf = (name: string, over: Partial<FilterableWorkflow> = {}): FilterableWorkflow => ({
  name,
  description: null,
  isEnabled: true,
  publishedVersion: 1,
  triggerConfig: { type: 'manual' },
  failures7d: 0,
  ...over,
});

const rows = [
  wf('Monday Walmart freshness', { triggerConfig: { type: 'schedule', cron: '0 6 * * 1', timezone: 'UTC' }, isEnabled: false }),
  wf('Content-change guard', { description: 'Watches titles', triggerConfig: { type: 'field_changed', fields: ['title'] }, failures7d: 2 }),
  wf('Draft idea', { publishedVersion: null, isEnabled: false }),
];
const names = (f: Parameters<typeof applyFilters>[1]) => applyFilters(rows, f).map((w) => w.name);

describe('workflow list filters', () => {
  it('finds every word in the name or description, in any case and order', () => {
    expect(names({ ...NO_FILTERS, q: 'walmart MONDAY' })).toEqual(['Monday Walmart freshness']);
    expect(names({ ...NO_FILTERS, q: 'titles' })).toEqual(['Content-change guard']);
    expect(names({ ...NO_FILTERS, q: 'walmart titles' })).toEqual([]);
    expect(names({ ...NO_FILTERS, q: '   ' })).toHaveLength(3);
  });

  it('filters by status and by trigger type, together', () => {
    expect(names({ ...NO_FILTERS, status: 'enabled' })).toEqual(['Content-change guard']);
    expect(names({ ...NO_FILTERS, status: 'disabled' })).toEqual(['Monday Walmart freshness', 'Draft idea']);
    expect(names({ ...NO_FILTERS, status: 'draft' })).toEqual(['Draft idea']);
    expect(names({ ...NO_FILTERS, status: 'failing' })).toEqual(['Content-change guard']);
    expect(names({ ...NO_FILTERS, trigger: 'schedule' })).toEqual(['Monday Walmart freshness']);
    expect(names({ ...NO_FILTERS, trigger: 'manual', status: 'disabled' })).toEqual(['Draft idea']);
  });

  it('round-trips through the URL, dropping defaults and unknown values', () => {
    const f = { q: 'guard & co', status: 'failing', trigger: 'field_changed' } as const;
    expect(parseFilters(serializeFilters(f))).toEqual(f);
    expect(serializeFilters(NO_FILTERS)).toBe('');
    expect(parseFilters('?status=bogus&trigger=nope')).toEqual(NO_FILTERS);
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, trigger: 'event' })).toBe(true);
  });

  it('knows every trigger type of the schema', () => {
    expect([...TRIGGER_TYPES].sort()).toEqual(['enrichment_completed', 'event', 'field_changed', 'manual', 'schedule']);
  });
});
