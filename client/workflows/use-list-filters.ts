/** The list's filters read from and written to the URL; replacing history, so Back leaves the page, not a keystroke. */
import { useCallback } from 'react';
import { navigate, usePathname, useSearch } from '../router.tsx';
import { parseFilters, serializeFilters, type ListFilters } from './list-filters.ts';

export function useListFilters(): [ListFilters, (next: ListFilters) => void] {
  const pathname = usePathname();
  const filters = parseFilters(useSearch());
  const set = useCallback((next: ListFilters) => navigate(pathname + serializeFilters(next), { replace: true }), [pathname]);
  return [filters, set];
}
