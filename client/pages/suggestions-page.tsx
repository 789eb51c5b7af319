/**
 * `/supplier/:slug/suggestions`: enrichment suggestions waiting for a person, grouped by product, with current vs
 * suggested value, confidence, evidence and validation notes. Accept, edit-then-accept or reject one at a time, or
 * select many and decide them together. `?job=<id>` narrows the list to one job (the enrichment_review task links here),
 * `?product=<id>` to one product (the product page links here).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../shared/roles.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { productPath } from '../lib/paths.ts';
import { Link, navigate } from '../router.tsx';
import { suggestionsPath } from '../suggestions/paths.ts';
import { SuggestionItem } from '../suggestions/suggestion-item.tsx';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState, ErrorState, LoadingState, Skeleton } from '../ui/states.tsx';

export function SuggestionsPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <CompanySuggestions key={company.slug} company={company} />}</CompanyGate>;
}

/** `?job=` (a review task's job) or `?product=` (from a product page) narrows the list. */
function filterFromUrl(key: 'job' | 'product'): string | null {
  const v = new URLSearchParams(window.location.search).get(key);
  return v && /^[0-9a-f-]{36}$/i.test(v) ? v : null;
}

function CompanySuggestions({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState(() => filterFromUrl('job'));
  const [productId, setProductId] = useState(() => filterFromUrl('product'));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<{ id: string | 'bulk'; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canDecide = can(company.role, 'edit_products');
  const list = useQuery(trpc.enrichment.suggestions.queryOptions({ companySlug: company.slug, ...(jobId ? { jobId } : {}), ...(productId ? { productId } : {}) }));

  const done = async (ids: string[], message: string) => {
    setError(null);
    setNotice(message);
    setSelected((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
    await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.enrichment.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() })]);
  };
  const accept = useMutation(trpc.enrichment.accept.mutationOptions({ onSuccess: (r) => done(r.decided.map((d) => d.id), 'Suggestion applied.'), onError: (e, v) => setError({ id: v.id, message: apiError(e).message }) }));
  const reject = useMutation(trpc.enrichment.reject.mutationOptions({ onSuccess: (r) => done(r.decided.map((d) => d.id), 'Suggestion rejected.'), onError: (e, v) => setError({ id: v.id, message: apiError(e).message }) }));
  const many = useMutation(
    trpc.enrichment.decideMany.mutationOptions({
      onSuccess: (r, v) => done(r.decided.map((d) => d.id), `${r.decided.length} suggestion${r.decided.length === 1 ? '' : 's'} ${v.decision === 'accept' ? 'applied' : 'rejected'}.`),
      onError: (e) => setError({ id: 'bulk', message: apiError(e).message }),
    }),
  );
  const busy = accept.isPending || reject.isPending || many.isPending;
  const all = list.data?.products.flatMap((p) => p.suggestions.map((s) => s.id)) ?? [];
  const allSelected = all.length > 0 && all.every((id) => selected.has(id));
  const toggle = (id: string, on: boolean) => setSelected((prev) => {
    const next = new Set(prev);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  return (
    <section aria-labelledby="suggestions-heading">
      <div className="mb-6">
        <h1 id="suggestions-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
          Suggestions
        </h1>
        <p className="mt-1 text-zinc-500">
          What Claude proposed for <span className="font-medium text-zinc-700">{company.name}</span> and could not apply on its own: low confidence, a rule it breaks, or an attribute a person always checks.
        </p>
        {(jobId || productId) && (
          <p className="mt-2 text-sm text-zinc-600" data-testid="suggestions-job-filter">
            {jobId ? 'Showing one enrichment job.' : 'Showing one product.'}{' '}
            <button
              type="button"
              className="font-medium text-orange-700 underline-offset-2 hover:underline"
              onClick={() => {
                setJobId(null);
                setProductId(null);
                navigate(suggestionsPath(company.slug), { replace: true });
              }}
            >
              Show all pending suggestions
            </button>
          </p>
        )}
      </div>

      {canDecide && list.data && list.data.total > 0 && (
        <div className="sticky top-0 z-10 mb-4 flex flex-wrap items-center gap-3 rounded-xl bg-white/95 p-3 shadow-xs ring-1 ring-zinc-900/5 backdrop-blur" role="toolbar" aria-label="Bulk decisions">
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="checkbox" className="size-4 rounded border-zinc-300 text-orange-600 focus:ring-orange-500" checked={allSelected} onChange={(e) => setSelected(e.target.checked ? new Set(all) : new Set())} data-testid="suggestions-select-all" />
            Select all ({all.length})
          </label>
          <span className="text-sm text-zinc-500" aria-live="polite" data-testid="suggestions-selected-count">
            {selected.size} selected
          </span>
          <div className="ml-auto flex gap-2">
            <Button variant="primary" disabled={busy || selected.size === 0} onClick={() => many.mutate({ companySlug: company.slug, ids: [...selected], decision: 'accept' })} data-testid="suggestions-accept-selected">
              {many.isPending && many.variables?.decision === 'accept' ? 'Applying…' : `Accept selected`}
            </Button>
            <Button disabled={busy || selected.size === 0} onClick={() => many.mutate({ companySlug: company.slug, ids: [...selected], decision: 'reject' })} data-testid="suggestions-reject-selected">
              {many.isPending && many.variables?.decision === 'reject' ? 'Rejecting…' : 'Reject selected'}
            </Button>
          </div>
          {error?.id === 'bulk' && (
            <p role="alert" className="w-full text-sm text-red-700" data-testid="suggestions-error">
              {error.message}
            </p>
          )}
        </div>
      )}
      <p aria-live="polite" className="sr-only" data-testid="suggestions-notice">
        {notice}
      </p>

      {list.isPending && (
        <LoadingState label="Loading suggestions…">
          <div className="space-y-3 rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-900/5">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </div>
        </LoadingState>
      )}
      {list.isError && <ErrorState title="Could not load suggestions" message={apiError(list.error).message} onRetry={() => void list.refetch()} />}
      {list.data && list.data.total === 0 && (
        <EmptyState title="Nothing to review">{jobId || productId ? 'Every suggestion here has been decided.' : 'Every enrichment suggestion has been decided or applied automatically.'}</EmptyState>
      )}
      <div className="space-y-4">
        {list.data?.products.map((p) => (
          <article key={p.productId} className="rounded-xl bg-white px-4 shadow-xs ring-1 ring-zinc-900/5" aria-labelledby={`p-${p.productId}`} data-testid={`suggestions-product-${p.sku}`}>
            <header className="flex flex-wrap items-baseline gap-x-3 border-b border-zinc-100 py-3">
              <h2 id={`p-${p.productId}`} className="font-semibold text-zinc-900">
                <Link to={productPath(company.slug, p.productId)} className="hover:text-orange-700">
                  {p.title}
                </Link>
              </h2>
              <span className="font-mono text-xs text-zinc-500">{p.sku}</span>
            </header>
            <ul className="divide-y divide-zinc-100">
              {p.suggestions.map((s) => (
                <SuggestionItem
                  key={s.id}
                  s={s}
                  selected={selected.has(s.id)}
                  onSelect={(on) => toggle(s.id, on)}
                  canDecide={canDecide}
                  busy={busy}
                  error={error?.id === s.id ? error.message : null}
                  onAccept={(value) => accept.mutate({ companySlug: company.slug, id: s.id, ...(value !== undefined ? { value } : {}) })}
                  onReject={() => reject.mutate({ companySlug: company.slug, id: s.id })}
                />
              ))}
            </ul>
          </article>
        ))}
      </div>
    </section>
  );
}
