/** Retailer spec changes: what changed, how bad, and which products it breaks. */
import type { RouterOutputs } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { SPEC_SEVERITY_TONE } from './labels.ts';

type Change = RouterOutputs['monitoring']['specChanges']['changes'][number];

export function SpecChangesTable({ changes }: { changes: Change[] }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-100 text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="px-4 py-2">Detected</th>
            <th scope="col" className="px-4 py-2">Retailer spec</th>
            <th scope="col" className="px-4 py-2">Severity</th>
            <th scope="col" className="px-4 py-2">Summary</th>
            <th scope="col" className="px-4 py-2">Affected products</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id} className="border-b border-zinc-50 align-top last:border-0" data-testid="spec-change-row" data-retailer={c.retailer} data-version={c.toVersion}>
              <td className="whitespace-nowrap px-4 py-3 text-zinc-500">
                <RelativeTime value={c.detectedAt} />
              </td>
              <td className="px-4 py-3">
                <div className="font-medium text-zinc-900">{c.retailerName}</div>
                <div className="text-xs text-zinc-500">
                  {c.productType} · {c.fromVersion ?? '—'} → <span className="font-mono">{c.toVersion}</span>
                </div>
              </td>
              <td className="px-4 py-3">
                <Badge tone={SPEC_SEVERITY_TONE[c.severity as keyof typeof SPEC_SEVERITY_TONE] ?? 'neutral'}>{c.severity}</Badge>
              </td>
              <td className="max-w-xl px-4 py-3 text-zinc-700" data-testid="spec-change-summary">
                {c.summary}
              </td>
              <td className="px-4 py-3">
                <span className="font-semibold text-zinc-900" data-testid="spec-change-affected">
                  {c.affectedProducts}
                </span>
                {c.affectedSkus.length > 0 && <div className="mt-1 max-w-xs text-xs text-zinc-500">{c.affectedSkus.join(', ')}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
