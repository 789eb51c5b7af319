/** `/supplier/:slug/products`: the catalog, searchable and filterable, with CSV import for editors. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../shared/roles.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { ImportDialog } from '../products/import-dialog.tsx';
import { NO_FILTERS, ProductFilters, type ProductFilterValues } from '../products/product-filters.tsx';
import { ProductsTable } from '../products/products-table.tsx';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';

const PAGE = 50;

export function ProductsPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <CompanyProducts key={company.slug} company={company} />}</CompanyGate>;
}

function CompanyProducts({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ProductFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [importing, setImporting] = useState(false);
  const facets = useQuery(trpc.products.facets.queryOptions({ companySlug: company.slug }));
  const list = useQuery({
    ...trpc.products.list.queryOptions({
      companySlug: company.slug,
      limit: PAGE,
      offset: page * PAGE,
      ...(filters.search ? { search: filters.search } : {}),
      ...(filters.category ? { category: filters.category } : {}),
      ...(filters.completeness ? { completeness: filters.completeness, ...(filters.retailer ? { retailer: filters.retailer } : {}) } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const retailerNames = Object.fromEntries((facets.data?.retailers ?? []).map((r) => [r.code, r.name.replace(/ Marketplace$|\.com$/, '')]));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const total = list.data?.total ?? 0;

  return (
    <section aria-labelledby="products-heading">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 id="products-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
            Products
          </h1>
          <p className="mt-1 text-zinc-500">
            The golden record of <span className="font-medium text-zinc-700">{company.name}</span>, and how complete it is for each retailer
          </p>
        </div>
        {can(company.role, 'edit_products') && (
          <Button variant="primary" data-testid="import-open" onClick={() => setImporting(true)}>
            Import CSV
          </Button>
        )}
      </div>

      <ProductFilters
        value={filters}
        facets={facets.data}
        onChange={(next) => {
          setFilters(next);
          setPage(0);
        }}
      />

      <ProductsTable
        companySlug={company.slug}
        retailerNames={retailerNames}
        rows={list.data?.items}
        loading="Loading products…"
        error={list.isError && { title: 'Could not load products', message: apiError(list.error).message, onRetry: () => void list.refetch() }}
        empty={{
          title: filtered ? 'No product matches these filters' : 'No products yet',
          body: filtered ? 'Try another search or clear a filter.' : 'Import a CSV to add the first products.',
        }}
        footer={
          list.data && (
            <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-zinc-500">
              <p data-testid="product-count" aria-live="polite">
                {page * PAGE + 1}–{page * PAGE + list.data.items.length} of {total}
              </p>
              <div className="flex gap-2">
                <Button disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                  Previous
                </Button>
                <Button disabled={(page + 1) * PAGE >= total} onClick={() => setPage((p) => p + 1)}>
                  Next
                </Button>
              </div>
            </nav>
          )
        }
      />
      {can(company.role, 'edit_products') && <ImportDialog companySlug={company.slug} open={importing} onClose={() => setImporting(false)} />}
    </section>
  );
}
