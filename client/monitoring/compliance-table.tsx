/** Each watched listing's latest product-page score and band, with its open findings (expected vs observed). */
import { bandNote } from '../../shared/monitoring/band.ts';
import type { ComplianceBand } from '../../shared/monitoring/vocab.ts';
import type { RouterOutputs } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { BAND_LABEL, BAND_TONE, CLASSIFICATION_LABEL, SEVERITY_TONE, show } from './labels.ts';

type Row = RouterOutputs['monitoring']['compliance'][number];

export function ComplianceTable({ rows }: { rows: Row[] }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-100 text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="px-4 py-2">Listing</th>
            <th scope="col" className="px-4 py-2">Score</th>
            <th scope="col" className="px-4 py-2">Checked</th>
            <th scope="col" className="px-4 py-2">Open findings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.listingId} className="border-b border-zinc-50 align-top last:border-0" data-testid="listing-row" data-sku={r.sku} data-retailer={r.retailer} data-checked-at={r.checkedAt ?? ''}>
              <td className="px-4 py-3">
                <div className="font-medium text-zinc-900">{r.sku}</div>
                <div className="text-xs text-zinc-500">
                  {r.retailerName}
                  {r.pdpUrl && (
                    <>
                      {' · '}
                      <a className="text-orange-700 hover:underline" href={r.pdpUrl} target="_blank" rel="noreferrer">
                        page
                      </a>
                    </>
                  )}
                </div>
              </td>
              <td className="whitespace-nowrap px-4 py-3">
                {r.score === null ? (
                  <span className="text-zinc-400">—</span>
                ) : (
                  <span className="mr-2 font-semibold tabular-nums text-zinc-900" data-testid="listing-score">
                    {Math.round(r.score)}
                  </span>
                )}
                {r.band && <Badge tone={BAND_TONE[r.band as keyof typeof BAND_TONE] ?? 'neutral'} data-testid="listing-band">{BAND_LABEL[r.band as keyof typeof BAND_LABEL] ?? r.band}</Badge>}
                {bandNote(r.score, (r.band as ComplianceBand | null) ?? null) && (
                  <div className="mt-1 text-xs text-amber-800" data-testid="band-note">
                    {bandNote(r.score, r.band as ComplianceBand)}
                  </div>
                )}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-zinc-500">
                {r.checkedAt ? <RelativeTime value={r.checkedAt} /> : 'never'}
                {r.error && <div className="mt-1 max-w-[14rem] whitespace-normal text-xs text-red-700">{r.error}</div>}
              </td>
              <td className="px-4 py-3">
                {r.findings.length === 0 ? (
                  <span className="text-zinc-400">None</span>
                ) : (
                  <ul className="space-y-2">
                    {r.findings.map((f) => (
                      <li key={f.id} data-testid="finding" data-classification={f.classification} data-severity={f.severity}>
                        <div className="flex flex-wrap items-center gap-2">
                          <Badge tone={SEVERITY_TONE[f.severity as keyof typeof SEVERITY_TONE] ?? 'neutral'}>{f.severity}</Badge>
                          <span className="font-medium text-zinc-800">{CLASSIFICATION_LABEL[f.classification as keyof typeof CLASSIFICATION_LABEL] ?? f.classification}</span>
                          <span className="text-xs text-zinc-500">({f.field})</span>
                        </div>
                        <dl className="mt-1 grid max-w-2xl grid-cols-[5.5rem_1fr] gap-x-2 text-xs">
                          <dt className="text-zinc-500">Expected</dt>
                          <dd className="line-clamp-2 text-zinc-800">{show(f.expected)}</dd>
                          <dt className="text-zinc-500">On the page</dt>
                          <dd className="line-clamp-2 text-zinc-800">{show(f.observed)}</dd>
                        </dl>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
