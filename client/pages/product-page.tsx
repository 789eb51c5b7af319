/** `/supplier/:slug/products/:id`: one product's fields (editable), completeness per retailer, listings, runs and history. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { displayGtin } from '../../shared/catalog/gtin.ts';
import { PRODUCT_STATUS_LABEL } from '../../shared/catalog/vocab.ts';
import { can } from '../../shared/roles.ts';
import { TASK_PRIORITY_LABEL, TASK_STATUS_LABEL, isTaskPriority } from '../../shared/tasks/vocab.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { productsPath, taskPath } from '../lib/paths.ts';
import { AssetGallery } from '../products/asset-gallery.tsx';
import { CompletenessBadge } from '../products/completeness-badge.tsx';
import { ProductFields } from '../products/product-fields.tsx';
import { ProductHistory } from '../products/product-history.tsx';
import { ProductRuns } from '../products/product-runs.tsx';
import { Link } from '../router.tsx';
import { ProductSuggestionsHint } from '../suggestions/product-suggestions-hint.tsx';
import { useTRPC } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorState, LoadingState, NotFoundState } from '../ui/states.tsx';

export function ProductPage({ slug, id }: { slug: string; id: string }) {
  return <CompanyGate slug={slug}>{(company) => <Product key={`${company.slug}/${id}`} company={company} id={id} />}</CompanyGate>;
}

function Product({ company, id }: { company: MyCompany; id: string }) {
  const trpc = useTRPC();
  const product = useQuery(trpc.products.get.queryOptions({ companySlug: company.slug, id }));
  if (product.isPending) return <LoadingState label="Loading the product…" />;
  if (product.isError) {
    const err = apiError(product.error);
    // A malformed id is as missing as an unknown one; neither gets better by retrying.
    if (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST') {
      return <NotFoundState title="Product not found" message="It may have been deleted, or the link is wrong." back={{ to: productsPath(company.slug), label: 'Back to products' }} />;
    }
    return <ErrorState title="Could not load the product" message={err.message} onRetry={() => void product.refetch()} />;
  }
  const p = product.data;
  return (
    <article aria-labelledby="product-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link to={productsPath(company.slug)} className="text-zinc-500 hover:text-orange-700 hover:underline">
          ← Products
        </Link>
      </nav>
      <header className="mb-6">
        <h1 id="product-title" data-testid="product-title" className="text-2xl font-semibold tracking-tight text-zinc-900 [overflow-wrap:anywhere]">
          {p.title ?? p.sku}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-zinc-500">
          <span className="font-mono" data-testid="product-sku">{p.sku}</span>
          {p.gtin && <span className="font-mono">GTIN {displayGtin(p.gtin)}</span>}
          <span>{p.brand}</span>
          <span>{p.category.name}</span>
          <Badge>{PRODUCT_STATUS_LABEL[p.status]}</Badge>
        </p>
        <ProductSuggestionsHint companySlug={company.slug} productId={p.id} />
      </header>
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <ProductFields companySlug={company.slug} product={p} editable={can(company.role, 'edit_products')} />
          <Panel title="Images" id="images-heading">
            <AssetGallery companySlug={company.slug} productId={p.id} editable={can(company.role, 'edit_products')} />
          </Panel>
          <Panel title="History" id="history-heading">
            <ProductHistory companySlug={company.slug} productId={p.id} fields={p.fields} />
          </Panel>
        </div>
        <aside className="flex flex-col gap-6">
          <Panel title="Completeness" id="completeness-heading">
            {p.completeness.length === 0 ? (
              <p className="text-zinc-500">No retailer has a spec for {p.category.name}.</p>
            ) : (
              <ul className="flex flex-col gap-2" data-testid="product-completeness">
                {p.completeness.map((c) => (
                  <li key={c.retailer} className="rounded-lg bg-white px-3 py-2 shadow-xs ring-1 ring-zinc-900/5">
                    <CompletenessBadge retailer={c.name} ratio={c.ratio} missing={c.missing} />
                    {c.missing.length > 0 && <p className="mt-1 text-xs text-zinc-600">Missing: {c.missing.map((m) => p.fields.find((f) => f.code === m)?.label ?? m).join(', ')}</p>}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Listings" id="listings-heading">
            {p.listings.length === 0 ? (
              <p className="text-zinc-500">Not listed anywhere yet.</p>
            ) : (
              <ul className="flex flex-col gap-1.5">
                {p.listings.map((l) => (
                  <li key={l.retailer} className="flex items-center justify-between gap-2">
                    <span className="text-zinc-800">{l.name}</span>
                    <span className="flex items-center gap-2">
                      {l.retailerItemId && <span className="font-mono text-xs text-zinc-500">{l.retailerItemId}</span>}
                      <Badge tone={l.status === 'active' ? 'success' : l.status === 'pending' ? 'neutral' : 'danger'}>{l.status}</Badge>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Workflow runs" id="runs-heading">
            <ProductRuns companySlug={company.slug} productId={p.id} />
          </Panel>
          <Panel title="Open tasks" id="tasks-heading">
            {p.openTasks.length === 0 ? (
              <p className="text-zinc-500">Nothing open.</p>
            ) : (
              <ul className="flex flex-col gap-1.5">
                {p.openTasks.map((t) => (
                  <li key={t.id}>
                    <Link to={taskPath(company.slug, t.id)} className="text-zinc-800 hover:text-orange-700 hover:underline">
                      {t.title}
                    </Link>
                    <span className="ml-2 text-xs text-zinc-500">
                      {isTaskPriority(t.priority) ? TASK_PRIORITY_LABEL[t.priority] : t.priority} · {TASK_STATUS_LABEL[t.status as keyof typeof TASK_STATUS_LABEL] ?? t.status}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </aside>
      </div>
    </article>
  );
}

function Panel({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-base font-semibold text-zinc-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
