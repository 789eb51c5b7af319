/**
 * A product's images: upload, thumbnails, role (with Claude's suggestion to accept), per-retailer validation results
 * (pass / warning / fail per rule, expected vs actual) and tags. Refreshes every second while validation or tagging
 * is still under way.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ASSET_ROLES, ASSET_STATUS_LABEL, type AssetRole, type AssetStatus } from '../../shared/assets/vocab.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { AssetUpload, ROLE_LABEL } from './asset-upload.tsx';

type Asset = RouterOutputs['assets']['list']['assets'][number];
type Validation = Asset['validations'][number];

const STATUS_TONE = { uploaded: 'info', validated: 'success', invalid: 'danger', tagged: 'success', archived: 'neutral' } as const satisfies Record<AssetStatus, BadgeTone>;
/** Tagging is expected within this long of an upload; after that a missing answer is not "pending" any more. */
const TAGGING_WINDOW_MS = 120_000;

function taggingPending(a: Asset, available: boolean) {
  return available && !a.tags && !a.taggingError && Date.now() - new Date(a.createdAt).getTime() < TAGGING_WINDOW_MS;
}

export function AssetGallery({ companySlug, productId, editable }: { companySlug: string; productId: string; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.assets.list.queryOptions({ companySlug, productId }),
    refetchInterval: (q) => (q.state.data?.assets.some((a) => a.status === 'uploaded' || taggingPending(a, q.state.data!.tagging.available)) ? 1000 : false),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.assets.list.queryKey({ companySlug, productId }) });

  if (list.isPending) return <LoadingState label="Loading images…" />;
  if (list.isError) return <ErrorState message={apiError(list.error).message} onRetry={() => void list.refetch()} />;
  const { assets, tagging } = list.data;
  const hasMain = assets.some((a) => a.role === 'main');
  return (
    <div className="flex flex-col gap-3" data-testid="asset-gallery">
      {editable && <AssetUpload companySlug={companySlug} productId={productId} defaultRole={hasMain ? 'secondary' : 'main'} onUploaded={refresh} />}
      {!tagging.available && (
        <p data-testid="tagging-unavailable" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          Image tagging is unavailable: {tagging.reason}
        </p>
      )}
      {assets.length === 0 ? (
        <p className="text-zinc-500">No images yet.</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {assets.map((a) => (
            <AssetCard key={a.id} companySlug={companySlug} asset={a} editable={editable} taggingAvailable={tagging.available} onChanged={refresh} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AssetCard({ companySlug, asset: a, editable, taggingAvailable, onChanged }: { companySlug: string; asset: Asset; editable: boolean; taggingAvailable: boolean; onChanged: () => void }) {
  const trpc = useTRPC();
  const setRole = useMutation(trpc.assets.setRole.mutationOptions({ onSuccess: onChanged }));
  const archive = useMutation(trpc.assets.archive.mutationOptions({ onSuccess: onChanged }));
  const error = setRole.error ?? archive.error;
  const validating = a.status === 'uploaded';
  return (
    <li data-testid="asset-card" data-asset-id={a.id} data-status={a.status} data-filename={a.filename} className="flex flex-col gap-3 rounded-xl bg-white p-3 shadow-xs ring-1 ring-zinc-900/5">
      <div className="flex gap-3">
        <img
          src={`/api/companies/${companySlug}/assets/${a.id}/content?thumb=1`}
          alt={a.tags?.altText ?? a.filename}
          loading="lazy"
          className="size-28 shrink-0 rounded-md bg-zinc-50 object-contain ring-1 ring-zinc-200"
        />
        <div className="flex min-w-0 flex-col gap-1.5">
          <p className="truncate font-medium text-zinc-900" title={a.filename}>
            {a.filename}
          </p>
          <p className="text-xs text-zinc-500">
            {a.width && a.height ? `${a.width} × ${a.height} px · ` : ''}
            {(a.bytes / 1024 / 1024).toFixed(2)} MB · {a.mimeType.replace('image/', '').toUpperCase()}
            {a.colorSpace ? ` · ${a.colorSpace.toUpperCase()}` : ''}
            {a.isAnimated ? ' · animated' : ''}
          </p>
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONE[a.status]} data-testid="asset-status">
              {validating ? 'Validating…' : ASSET_STATUS_LABEL[a.status]}
            </Badge>
            {editable ? (
              <label className="flex items-center gap-1 text-xs text-zinc-600">
                Role
                <select
                  aria-label={`Role of ${a.filename}`}
                  data-testid="asset-role"
                  value={a.role ?? ''}
                  disabled={setRole.isPending}
                  onChange={(e) => setRole.mutate({ companySlug, id: a.id, role: e.target.value as AssetRole })}
                  className="rounded-md border-0 bg-white py-0.5 pr-6 pl-1.5 text-xs ring-1 ring-zinc-300 ring-inset"
                >
                  {!a.role && <option value="">None</option>}
                  {ASSET_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <Badge>{a.role ? ROLE_LABEL[a.role] : 'No role'}</Badge>
            )}
          </span>
          {a.suggestedRole && (
            <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-600" data-testid="asset-suggested-role">
              Claude suggests: <strong>{ROLE_LABEL[a.suggestedRole]}</strong>
              {editable && (
                <Button variant="ghost" className="px-1.5 py-0.5 text-xs" disabled={setRole.isPending} onClick={() => setRole.mutate({ companySlug, id: a.id, role: a.suggestedRole! })}>
                  Accept
                </Button>
              )}
            </p>
          )}
          {editable && (
            <Button variant="ghost" className="self-start px-1.5 py-0.5 text-xs" disabled={archive.isPending} onClick={() => archive.mutate({ companySlug, id: a.id })}>
              Archive
            </Button>
          )}
          {error && (
            <p role="alert" className="text-xs text-red-700">
              {apiError(error).message}
            </p>
          )}
        </div>
      </div>
      {validating ? (
        <p className="text-sm text-zinc-500" aria-live="polite">
          Checking against each retailer's image rules…
        </p>
      ) : a.validations.length === 0 ? (
        <p className="text-sm text-zinc-500">{a.status === 'invalid' ? 'The file could not be read as an image.' : 'No retailer rules apply.'}</p>
      ) : (
        <ul className="flex flex-col gap-1.5" data-testid="asset-validations" aria-label={`Validation of ${a.filename}`}>
          {a.validations.map((v) => (
            <RetailerResult key={v.retailer} v={v} />
          ))}
        </ul>
      )}
      <Tags asset={a} available={taggingAvailable} />
    </li>
  );
}

function RetailerResult({ v }: { v: Validation }) {
  const failed = v.results.filter((r) => !r.passed);
  const errors = failed.filter((r) => r.severity === 'error').length;
  const warnings = failed.filter((r) => r.severity === 'warning').length;
  const tone: BadgeTone = errors ? 'danger' : warnings ? 'warning' : 'success';
  const label = errors ? `${errors} error${errors === 1 ? '' : 's'}` : warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : 'Pass';
  return (
    <li data-testid="asset-validation" data-retailer={v.retailer} data-passed={String(v.passed)}>
      <details open={failed.length > 0} className="rounded-md bg-zinc-50 px-2 py-1.5 text-sm">
        <summary className="flex cursor-pointer items-center gap-2">
          <span className="font-medium text-zinc-800">{v.name}</span>
          <Badge tone={tone}>{label}</Badge>
          <span className="text-xs text-zinc-500">as {v.roleEvaluated}</span>
        </summary>
        <table className="mt-1 w-full text-xs">
          <thead className="sr-only">
            <tr>
              <th>Result</th>
              <th>Rule</th>
              <th>Expected</th>
              <th>Actual</th>
            </tr>
          </thead>
          <tbody>
            {[...failed, ...v.results.filter((r) => r.passed)].map((r) => {
              const outcome = r.passed ? 'pass' : r.severity === 'error' ? 'fail' : r.severity === 'warning' ? 'warn' : 'info';
              return (
                <tr key={r.rule} data-testid="rule-result" data-rule={r.rule} data-outcome={outcome} className="align-top">
                  <td className="w-10 py-0.5">
                    <span className={outcome === 'pass' ? 'text-emerald-700' : outcome === 'fail' ? 'font-semibold text-red-700' : outcome === 'warn' ? 'text-amber-700' : 'text-zinc-500'}>{outcome}</span>
                  </td>
                  <td className="py-0.5 font-mono text-zinc-700">{r.rule}</td>
                  <td className="py-0.5 text-zinc-600">expected {String(r.expected)}</td>
                  <td className="py-0.5 text-zinc-900">got {String(r.actual)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </li>
  );
}

function Tags({ asset: a, available }: { asset: Asset; available: boolean }) {
  if (a.tags) {
    const t = a.tags;
    const flags = [t.hasTextOverlay && 'text overlay', t.hasWatermark && 'watermark', t.hasProps && 'props', t.hasPeople && 'people', t.matchesProduct === false && 'may not match the product'].filter(Boolean) as string[];
    return (
      <div className="flex flex-col gap-1 text-xs text-zinc-600" data-testid="asset-tags">
        <p className="flex flex-wrap items-center gap-1.5">
          <Badge tone="accent">{t.shotType?.replaceAll('_', ' ') ?? 'untyped'}</Badge>
          {flags.map((f) => (
            <Badge key={f} tone="warning">
              {f}
            </Badge>
          ))}
          {t.dominantColors.map((c) => (
            <Badge key={c}>{c}</Badge>
          ))}
          {t.confidence !== null && <span>{Math.round(t.confidence * 100)}% confident</span>}
        </p>
        {t.detectedText.length > 0 && <p>Text seen: “{t.detectedText.join('”, “')}”</p>}
        {t.altText && <p>Alt text: {t.altText}</p>}
      </div>
    );
  }
  if (a.taggingError) return <p className="text-xs text-amber-800" data-testid="asset-tagging-error">Tagging failed: {a.taggingError}</p>;
  if (!available) return <p className="text-xs text-zinc-500">Not tagged (tagging is unavailable).</p>;
  return taggingPending(a, available) ? <p className="text-xs text-zinc-500">Tagging…</p> : <p className="text-xs text-zinc-500">Not tagged.</p>;
}
