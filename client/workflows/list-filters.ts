/**
 * The workflow list's search and filters, kept in the URL (`?q=&status=&trigger=`) so a filtered list can be
 * linked, reloaded and gone back to. Pure: parse, serialize, and apply to the rows, all on the client (a company
 * has tens of workflows, not thousands).
 */
import { TriggerConfigSchema, type TriggerConfig } from '../../shared/workflows/trigger-config.ts';

export const STATUS_FILTERS = ['all', 'enabled', 'disabled', 'draft', 'failing'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const STATUS_FILTER_LABEL = {
  all: 'Any status',
  enabled: 'Enabled',
  disabled: 'Disabled',
  draft: 'Never published',
  failing: 'Failed in the last 7 days',
} as const satisfies Record<StatusFilter, string>;

export type TriggerType = TriggerConfig['type'];
export const TRIGGER_TYPES = TriggerConfigSchema.options.map((o) => o.shape.type.value) as readonly TriggerType[];

export const TRIGGER_TYPE_LABEL = {
  manual: 'Manual',
  event: 'Event',
  schedule: 'Schedule',
  field_changed: 'Product field changed',
  enrichment_completed: 'Enrichment finished',
} as const satisfies Record<TriggerType, string>;

export interface ListFilters {
  q: string;
  status: StatusFilter;
  trigger: TriggerType | 'all';
}

export const NO_FILTERS: ListFilters = { q: '', status: 'all', trigger: 'all' };

/** Unknown values (an old or hand-edited link) fall back to "all" rather than hiding every row. */
export function parseFilters(search: string): ListFilters {
  const p = new URLSearchParams(search);
  const status = p.get('status');
  const trigger = p.get('trigger');
  return {
    q: p.get('q') ?? '',
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? '') ? (status as StatusFilter) : 'all',
    trigger: (TRIGGER_TYPES as readonly string[]).includes(trigger ?? '') ? (trigger as TriggerType) : 'all',
  };
}

/** The query string for `f`, without defaults; '' when nothing is filtered. */
export function serializeFilters(f: ListFilters): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.status !== 'all') p.set('status', f.status);
  if (f.trigger !== 'all') p.set('trigger', f.trigger);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface FilterableWorkflow {
  name: string;
  description: string | null;
  isEnabled: boolean;
  publishedVersion: number | null;
  triggerConfig: TriggerConfig;
  failures7d: number;
}

export function isFiltered(f: ListFilters): boolean {
  return f.q.trim() !== '' || f.status !== 'all' || f.trigger !== 'all';
}

export function applyFilters<W extends FilterableWorkflow>(rows: readonly W[], f: ListFilters): W[] {
  // Every word must appear, in the name or the description, in any case: "walmart monday" finds "Monday Walmart…".
  const words = f.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((w) => {
    const text = `${w.name} ${w.description ?? ''}`.toLocaleLowerCase();
    if (!words.every((word) => text.includes(word))) return false;
    if (f.trigger !== 'all' && w.triggerConfig.type !== f.trigger) return false;
    return matchesStatus(w, f.status);
  });
}

function matchesStatus(w: FilterableWorkflow, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'enabled':
      return w.isEnabled;
    case 'disabled':
      return !w.isEnabled;
    case 'draft':
      return w.publishedVersion == null;
    case 'failing':
      return w.failures7d > 0;
  }
}
