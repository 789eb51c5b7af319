/** One page of products: SKU and title, category, completeness per retailer, last change. */
import { PRODUCT_STATUS_LABEL } from '../../shared/catalog/vocab.ts';
import { displayGtin } from '../../shared/catalog/gtin.ts';
import { productPath } from '../lib/paths.ts';
import { Link } from '../router.tsx';
import type { RouterOutputs } from '../trpc.ts';
import { DataTable, type TableStates } from '../ui/data-table.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { CompletenessBadge } from './completeness-badge.tsx';

type Item = RouterOutputs['products']['list']['items'][number];

export function ProductsTable({ companySlug, retailerNames, ...list }: { companySlug: string; retailerNames: Record<string, string> } & TableStates<Item>) {
  return (
    <DataTable<Item>
      caption="Products"
      minWidth="min-w-[56rem]"
      rowKey={(p) => p.id}
      rowProps={(p) => ({ 'data-testid': 'product-row', 'data-sku': p.sku })}
      columns={[
        {
          header: 'Product',
          cell: (p) => (
            <>
              <Link to={productPath(companySlug, p.id)} className="rounded-sm font-medium text-zinc-900 hover:text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500">
                {p.title ?? p.sku}
              </Link>
              <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-zinc-500">
                <span className="font-mono">{p.sku}</span>
                {p.gtin && <span className="font-mono">GTIN {displayGtin(p.gtin)}</span>}
                {p.status !== 'approved' && <span>{PRODUCT_STATUS_LABEL[p.status]}</span>}
              </p>
            </>
          ),
        },
        { header: 'Category', width: 'w-32', className: 'text-zinc-700', cell: (p) => p.categoryName },
        {
          header: 'Completeness',
          width: 'w-72',
          cell: (p) => (
            <div className="flex flex-wrap gap-1.5">
              {p.completeness.length ? p.completeness.map((c) => <CompletenessBadge key={c.retailer} retailer={retailerNames[c.retailer] ?? c.retailer} ratio={c.ratio} />) : <span className="text-zinc-400">No retailer spec</span>}
            </div>
          ),
        },
        { header: 'Updated', width: 'w-28', className: 'whitespace-nowrap text-zinc-500', cell: (p) => <RelativeTime value={p.updatedAt} /> },
      ]}
      {...list}
    />
  );
}
