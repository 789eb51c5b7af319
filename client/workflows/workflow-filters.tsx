/**
 * Search and filters above the workflow list. `/` focuses the search from anywhere on the page (as in GitHub or
 * Linear); Escape in it clears it.
 */
import { Search, X } from 'lucide-react';
import { useEffect, useRef, type RefObject } from 'react';
import { FOCUS_RING } from '../ui/button.tsx';
import { SelectField } from '../ui/select-field.tsx';
import { isFiltered, NO_FILTERS, STATUS_FILTER_LABEL, STATUS_FILTERS, TRIGGER_TYPE_LABEL, TRIGGER_TYPES, type ListFilters, type StatusFilter, type TriggerType } from './list-filters.ts';

const STATUS_OPTIONS = STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_FILTER_LABEL[s] }));
const TRIGGER_OPTIONS = [{ value: 'all', label: 'Any trigger' }, ...TRIGGER_TYPES.map((t) => ({ value: t, label: TRIGGER_TYPE_LABEL[t] }))];

interface WorkflowFiltersProps {
  filters: ListFilters;
  onChange: (next: ListFilters) => void;
  shown: number;
  total: number;
}

export function WorkflowFilters({ filters, onChange, shown, total }: WorkflowFiltersProps) {
  const search = useRef<HTMLInputElement>(null);
  useSlashFocuses(search);
  return (
    <div role="search" aria-label="Filter workflows" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="flex min-w-[16rem] flex-1 flex-col gap-1.5">
        <label htmlFor="workflow-search" className="text-xs font-medium text-zinc-600">
          Search <kbd className="ml-1 rounded border border-zinc-300 px-1 font-sans text-[10px] text-zinc-600">/</kbd>
        </label>
        <div className="relative">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-500" />
          <input
            ref={search}
            id="workflow-search"
            type="search"
            data-testid="workflow-search"
            value={filters.q}
            placeholder="Name or description"
            onChange={(e) => onChange({ ...filters, q: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filters.q) onChange({ ...filters, q: '' });
            }}
            className="block w-full rounded-md border-0 bg-white py-2 pr-3 pl-8 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-500 focus:ring-2 focus:ring-orange-500 focus:outline-none"
          />
        </div>
      </div>
      <SelectField label="Status" data-testid="workflow-status-filter" className="w-52" options={STATUS_OPTIONS} value={filters.status} onChange={(e) => onChange({ ...filters, status: e.target.value as StatusFilter })} />
      <SelectField label="Trigger" data-testid="workflow-trigger-filter" className="w-52" options={TRIGGER_OPTIONS} value={filters.trigger} onChange={(e) => onChange({ ...filters, trigger: e.target.value as TriggerType | 'all' })} />
      <p role="status" data-testid="workflow-filter-count" className="flex h-9 items-center gap-2 text-zinc-600 tabular-nums">
        {isFiltered(filters) ? `${shown} of ${total}` : `${total} workflow${total === 1 ? '' : 's'}`}
        {isFiltered(filters) && (
          <button type="button" data-testid="workflow-filters-clear" onClick={() => onChange(NO_FILTERS)} className={`inline-flex items-center gap-1 rounded-md px-1.5 py-1 font-medium text-zinc-700 hover:bg-zinc-100 ${FOCUS_RING}`}>
            <X aria-hidden="true" className="size-3.5" />
            Clear
          </button>
        )}
      </p>
    </div>
  );
}

/** `/` outside a field focuses the search. */
function useSlashFocuses(input: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}
