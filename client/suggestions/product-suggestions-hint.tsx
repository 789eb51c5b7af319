/** On a product page: how many enrichment suggestions for it wait for a decision, linking to them. */
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { suggestionsPath } from './paths.ts';

export function ProductSuggestionsHint({ companySlug, productId }: { companySlug: string; productId: string }) {
  const trpc = useTRPC();
  const pending = useQuery(trpc.enrichment.suggestions.queryOptions({ companySlug, productId, limit: 50 }));
  const n = pending.data?.total ?? 0;
  if (n === 0) return null;
  return (
    <p className="mt-3 text-sm" data-testid="product-suggestions-hint">
      <Link to={`${suggestionsPath(companySlug)}?product=${encodeURIComponent(productId)}`} className="font-medium text-orange-700 hover:underline">
        {n} enrichment suggestion{n === 1 ? '' : 's'} waiting for review →
      </Link>
    </p>
  );
}
