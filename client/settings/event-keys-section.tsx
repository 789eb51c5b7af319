/** Settings → Event keys: the company's keys (name, prefix, created, last used, revoked), a new key, revocation. */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { Button, PlusIcon } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { CreateEventKeyDialog } from './create-event-key-dialog.tsx';
import { RevokeEventKeyDialog } from './revoke-event-key-dialog.tsx';

type EventKeySummary = RouterOutputs['eventKeys']['list'][number];

/** The row's revoke button opens the dialog the section owns. */
function columnsFor(onRevoke: (k: EventKeySummary) => void): Column<EventKeySummary>[] {
  return [
    { header: 'Name', className: 'font-medium', cell: (k) => <span data-testid="event-key-name" className={k.revokedAt ? undefined : 'text-zinc-900'}>{k.name}</span> },
    {
      header: 'Key',
      width: 'w-44',
      cell: (k) => (
        <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs" data-testid="event-key-prefix">
          {k.prefix}…
        </code>
      ),
    },
    {
      header: 'Created',
      width: 'w-56',
      className: 'text-sm',
      cell: (k) => (
        <>
          <RelativeTime value={k.createdAt} />
          {k.createdBy && <span className="text-zinc-500"> by {k.createdBy}</span>}
        </>
      ),
    },
    {
      header: 'Last used',
      width: 'w-32',
      className: 'text-sm',
      cell: (k) => <span data-testid="event-key-last-used">{k.lastUsedAt ? <RelativeTime value={k.lastUsedAt} /> : <span className="text-zinc-400">Never</span>}</span>,
    },
    {
      header: 'Actions',
      hideHeader: true,
      width: 'w-40',
      align: 'right',
      cell: (k) =>
        k.revokedAt ? (
          <Badge tone="neutral" data-testid="event-key-revoked">
            Revoked <RelativeTime value={k.revokedAt} />
          </Badge>
        ) : (
          <Button onClick={() => onRevoke(k)} aria-label={`Revoke ${k.name}`} data-testid="revoke-event-key">
            Revoke
          </Button>
        ),
    },
  ];
}

export function EventKeysSection({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.eventKeys.list.queryOptions({ companySlug }));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<EventKeySummary | null>(null);
  const columns = useMemo(() => columnsFor(setRevoking), []);

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

      <DataTable
        caption="Event keys"
        columns={columns}
        rowKey={(k) => k.id}
        rowProps={(k) => ({ 'data-testid': 'event-key-row', 'data-key-id': k.id, 'data-revoked': k.revokedAt ? 'true' : 'false', className: k.revokedAt ? 'text-zinc-400' : undefined })}
        minWidth="min-w-[44rem]"
        verticalAlign="middle"
        rows={list.data}
        loading="Loading event keys…"
        error={list.isError && { title: 'Could not load event keys', message: apiError(list.error).message, onRetry: () => void list.refetch() }}
        empty={{ title: 'No event keys yet', body: 'Create one for each system that sends events, so you can revoke them one by one.' }}
        data-testid="event-keys-table"
      />

      <CreateEventKeyDialog companySlug={companySlug} open={creating} onClose={() => setCreating(false)} />
      <RevokeEventKeyDialog companySlug={companySlug} eventKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}
