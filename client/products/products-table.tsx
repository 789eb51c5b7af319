/** One page of products: SKU and title, category, completeness per retailer, last change. */
import { PRODUCT_STATUS_LABEL } from '../../shared/catalog/vocab.ts';
import { displayGtin } from '../../shared/catalog/gtin.ts';
import { productPath } from '../lib/paths.ts';
import { Link } from '../router.tsx';
import type { RouterOutputs } from '../trpc.ts';
import { RelativeTime } from '../ui/relative-time.tsx';
import { CompletenessBadge } from './completeness-badge.tsx';

type Item = RouterOutputs['products']['list']['items'][number];
const TH = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase';

export function ProductsTable({ companySlug, items, retailerNames }: { companySlug: string; items: Item[]; retailerNames: Record<string, string> }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
      <table className="w-full min-w-[56rem] table-fixed">
        <caption className="sr-only">Products</caption>
        <colgroup>
          <col />
          <col className="w-32" />
          <col className="w-72" />
          <col className="w-28" />
        </colgroup>
        <thead className="border-b border-zinc-200 bg-zinc-50/60">
          <tr>
            <th scope="col" className={TH}>Product</th>
            <th scope="col" className={TH}>Category</th>
            <th scope="col" className={TH}>Completeness</th>
            <th scope="col" className={TH}>Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {items.map((p) => (
            <tr key={p.id} data-testid="product-row" data-sku={p.sku} className="align-top transition-colors hover:bg-zinc-50/70">
              <td className="px-4 py-3">
                <Link to={productPath(companySlug, p.id)} className="rounded-sm font-medium text-zinc-900 hover:text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500">
                  {p.title ?? p.sku}
                </Link>
                <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-zinc-500">
                  <span className="font-mono">{p.sku}</span>
                  {p.gtin && <span className="font-mono">GTIN {displayGtin(p.gtin)}</span>}
                  {p.status !== 'approved' && <span>{PRODUCT_STATUS_LABEL[p.status]}</span>}
                </p>
              </td>
              <td className="px-4 py-3 text-zinc-700">{p.categoryName}</td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap gap-1.5">
                  {p.completeness.length ? p.completeness.map((c) => <CompletenessBadge key={c.retailer} retailer={retailerNames[c.retailer] ?? c.retailer} ratio={c.ratio} />) : <span className="text-zinc-400">No retailer spec</span>}
                </div>
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-zinc-500">
                <RelativeTime value={p.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
