/** Search, category and completeness filters of the product list; the parent owns the values. */
import { useEffect, useRef, useState } from 'react';
import type { RouterOutputs } from '../trpc.ts';
import { SelectField } from '../ui/select-field.tsx';

export interface ProductFilterValues {
  search: string;
  category: string;
  completeness: '' | 'complete' | 'incomplete';
  retailer: string;
}

export const NO_FILTERS: ProductFilterValues = { search: '', category: '', completeness: '', retailer: '' };

type Facets = RouterOutputs['products']['facets'];

export function ProductFilters({ value, facets, onChange }: { value: ProductFilterValues; facets: Facets | undefined; onChange: (next: ProductFilterValues) => void }) {
  // Typing updates the box at once and the query a moment later, so each keystroke is not a request.
  const [search, setSearch] = useState(value.search);
  const latest = useRef({ value, onChange });
  useEffect(() => {
    latest.current = { value, onChange };
  });
  useEffect(() => {
    const t = setTimeout(() => {
      const { value: v, onChange: change } = latest.current;
      if (search !== v.search) change({ ...v, search });
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  return (
    <form role="search" aria-label="Filter products" className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="product-search" className="text-xs font-medium text-zinc-600">
          Search
        </label>
        <input
          id="product-search"
          type="search"
          data-testid="product-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="SKU, GTIN, title or brand"
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-orange-500 focus:outline-none"
        />
      </div>
      <SelectField
        label="Category"
        data-testid="product-category-filter"
        value={value.category}
        onChange={(e) => onChange({ ...value, category: e.target.value })}
        options={[{ value: '', label: 'All categories' }, ...(facets?.categories ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.products})` }))]}
      />
      <SelectField
        label="Completeness"
        data-testid="product-completeness-filter"
        value={value.completeness}
        onChange={(e) => onChange({ ...value, completeness: e.target.value as ProductFilterValues['completeness'] })}
        options={[
          { value: '', label: 'Any' },
          { value: 'incomplete', label: 'Missing required data' },
          { value: 'complete', label: 'Complete' },
        ]}
      />
      <SelectField
        label="At retailer"
        data-testid="product-retailer-filter"
        value={value.retailer}
        disabled={!value.completeness}
        title={value.completeness ? undefined : 'Pick a completeness filter first'}
        onChange={(e) => onChange({ ...value, retailer: e.target.value })}
        options={[{ value: '', label: 'Every retailer' }, ...(facets?.retailers ?? []).map((r) => ({ value: r.code, label: r.name }))]}
      />
    </form>
  );
}
