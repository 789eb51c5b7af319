/** Who or what changed which field, newest first: a person, an import, or a workflow run (linked to its workflow). */
import { useQuery } from '@tanstack/react-query';
import { ACTOR_TYPE_LABEL } from '../../shared/catalog/vocab.ts';
import { formatValue } from '../../shared/catalog/values.ts';
import { apiError } from '../lib/api-errors.ts';
import { workflowPath } from '../lib/paths.ts';
import { Link } from '../router.tsx';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';

type Field = RouterOutputs['products']['get']['fields'][number];

export function ProductHistory({ companySlug, productId, fields }: { companySlug: string; productId: string; fields: Field[] }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.products.history.queryOptions({ companySlug, id: productId, limit: 50 }));
  const typeOf = (code: string) => fields.find((f) => f.code === code)?.type ?? 'text';
  const show = (code: string, v: unknown) => (v === null || v === undefined ? 'empty' : formatValue(typeOf(code), v, ' · ') || 'empty');

  if (history.isPending) return <LoadingState label="Loading history…" />;
  if (history.isError) return <ErrorState message={apiError(history.error).message} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <p className="text-zinc-500">No changes recorded yet.</p>;
  return (
    <ol className="flex flex-col divide-y divide-zinc-100 rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5" data-testid="product-history">
      {history.data.map((h) => (
        <li key={h.id} data-testid="history-entry" data-attribute={h.attribute} data-actor={h.actor.type} className="px-4 py-3">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium text-zinc-900">{h.label}</span>
            {h.channel && <Badge>{h.channel}</Badge>}
            <span className="text-zinc-500">changed by</span>
            {h.run ? (
              <Link to={workflowPath(companySlug, h.run.workflowId ?? '')} className="font-medium text-orange-700 hover:underline" data-testid="history-run">
                {h.run.workflowName ?? 'a workflow'} run
              </Link>
            ) : (
              <span className="font-medium text-zinc-800">{h.actor.name ?? ACTOR_TYPE_LABEL[h.actor.type]}</span>
            )}
            <Badge tone={h.actor.type === 'user' ? 'neutral' : 'info'}>{ACTOR_TYPE_LABEL[h.actor.type]}</Badge>
            <span className="ml-auto text-xs text-zinc-500">
              <RelativeTime value={h.changedAt} />
            </span>
          </p>
          <p className="mt-1 text-xs text-zinc-600 [overflow-wrap:anywhere]">
            <span className="text-zinc-400 line-through" data-testid="history-old">{show(h.attribute, h.old)}</span>
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> became </span>
            <span className="text-zinc-900" data-testid="history-new">{show(h.attribute, h.new)}</span>
          </p>
        </li>
      ))}
    </ol>
  );
}
