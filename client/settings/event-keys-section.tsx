/** Settings → Event keys: the company's keys (name, prefix, created, last used, revoked), a new key, revocation. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { Button, PlusIcon } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { CreateEventKeyDialog } from './create-event-key-dialog.tsx';
import { RevokeEventKeyDialog } from './revoke-event-key-dialog.tsx';

export type EventKeySummary = RouterOutputs['eventKeys']['list'][number];

const TH = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase';
const TD = 'px-4 py-3 align-middle';

export function EventKeysSection({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.eventKeys.list.queryOptions({ companySlug }));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<EventKeySummary | null>(null);

  return (
    <section aria-labelledby="event-keys-heading" className="mb-10" data-testid="event-keys">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="event-keys-heading" className="text-lg font-semibold text-zinc-900">
            Event keys
          </h2>
          <p className="mt-1 max-w-2xl text-zinc-500">
            Your own systems send events to Ember with a key. A key acts for this company only; revoke it when a system no longer needs it.
          </p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-event-key">
          <PlusIcon />
          New key
        </Button>
      </div>

      {list.isPending && <LoadingState label="Loading event keys…" />}
      {list.isError && <ErrorState title="Could not load event keys" message={apiError(list.error).message} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && <EmptyState title="No event keys yet">Create one for each system that sends events, so you can revoke them one by one.</EmptyState>}
      {list.data && list.data.length > 0 && (
        <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
          <table className="w-full min-w-[44rem]" data-testid="event-keys-table">
            <caption className="sr-only">Event keys</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50/60">
              <tr>
                <th scope="col" className={TH}>Name</th>
                <th scope="col" className={TH}>Key</th>
                <th scope="col" className={TH}>Created</th>
                <th scope="col" className={TH}>Last used</th>
                <th scope="col" className={`${TH} text-right`}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {list.data.map((k) => (
                <tr key={k.id} data-testid="event-key-row" data-key-id={k.id} data-revoked={k.revokedAt ? 'true' : 'false'} className={k.revokedAt ? 'text-zinc-400' : undefined}>
                  <td className={`${TD} font-medium ${k.revokedAt ? '' : 'text-zinc-900'}`} data-testid="event-key-name">
                    {k.name}
                  </td>
                  <td className={TD}>
                    <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs" data-testid="event-key-prefix">
                      {k.prefix}…
                    </code>
                  </td>
                  <td className={`${TD} text-sm`}>
                    <RelativeTime value={k.createdAt} />
                    {k.createdBy && <span className="text-zinc-500"> by {k.createdBy}</span>}
                  </td>
                  <td className={`${TD} text-sm`} data-testid="event-key-last-used">
                    {k.lastUsedAt ? <RelativeTime value={k.lastUsedAt} /> : <span className="text-zinc-400">Never</span>}
                  </td>
                  <td className={`${TD} text-right`}>
                    {k.revokedAt ? (
                      <Badge tone="neutral" data-testid="event-key-revoked">
                        Revoked <RelativeTime value={k.revokedAt} />
                      </Badge>
                    ) : (
                      <Button onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`} data-testid="revoke-event-key">
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <CreateEventKeyDialog companySlug={companySlug} open={creating} onClose={() => setCreating(false)} />
      <RevokeEventKeyDialog companySlug={companySlug} eventKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}
