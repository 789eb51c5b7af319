/**
 * The bell in the sidebar: how many of the signed-in person's notifications in this company are unread, and, on
 * click, the list of them (unread first) — a decision waiting, a reminder, an escalation, routed tasks — each
 * linking to its run or task. The count refreshes by itself and when the window regains focus, as the approvals
 * badge does; the list loads when opened. Escape or a click outside closes it and gives focus back to the bell.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { NOTIFICATION_KIND_LABELS } from '../../shared/notifications/vocab.ts';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';

interface Item {
  id: string;
  kind: keyof typeof NOTIFICATION_KIND_LABELS;
  message: string;
  taskId: string | null;
  runId: string | null;
  workflowId: string | null;
  createdAt: string;
  readAt: string | null;
  closed: boolean;
}

/** Where a notification leads: an approval's run view, else its task. */
function linkOf(slug: string, n: Item): string {
  if (n.runId && n.workflowId) return `/supplier/${slug}/workflows/${n.workflowId}/runs/${n.runId}`;
  if (n.taskId) return `/supplier/${slug}/tasks/${n.taskId}`;
  return `/supplier/${slug}/inbox`;
}

export function NotificationsBell({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // Unread first, newest first: a page of 20, then up to the 50 the list procedure gives at once.
  const [limit, setLimit] = useState(20);
  const count = useQuery({ ...trpc.notifications.unreadCount.queryOptions({ companySlug }), refetchInterval: 30_000 });
  const list = useQuery({ ...trpc.notifications.list.queryOptions({ companySlug, limit }), enabled: open, placeholderData: (previous) => previous });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey({ companySlug }) });
    void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
  };
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));
  const unread = count.data?.unread ?? 0;

  const close = (focusBell = true) => {
    setOpen(false);
    if (focusBell) bell.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !bell.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  // A fresh look at the list each time it opens (the count may have moved since).
  useEffect(() => {
    if (open) refresh();
  }, [open]);

  const items = (list.data?.items ?? []) as Item[];
  return (
    <>
      <button
        ref={bell}
        type="button"
        data-testid="notifications-bell"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications"
        onClick={() => (open ? close() : setOpen(true))}
        className={`relative flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}
      >
        <Bell aria-hidden="true" className="size-4" />
        {unread > 0 && (
          // amber-700 behind white text: the 4.5:1 contrast small text needs, as the approvals badge.
          <span data-testid="notifications-count" aria-hidden="true" className="absolute -top-1 -right-1 min-w-4 rounded-full bg-amber-700 px-1 text-[10px] leading-4 font-semibold text-white tabular-nums">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-labelledby={headingId}
          tabIndex={-1}
          data-testid="notifications-panel"
          style={{ left: 'calc(var(--shell-left) + 0.5rem)' }}
          className="fixed top-2 z-40 flex max-h-[80vh] w-96 max-w-[calc(100vw-5rem)] flex-col rounded-lg bg-white shadow-lg ring-1 ring-zinc-200 focus:outline-none"
        >
          <div className="flex items-center gap-2 border-b border-zinc-100 px-4 py-3">
            <h2 id={headingId} className="flex-1 font-semibold text-zinc-900">
              Notifications
            </h2>
            <button
              type="button"
              data-testid="notifications-mark-all"
              disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate({ companySlug })}
              className={`rounded-md px-2 py-1 text-sm font-medium text-orange-700 hover:bg-orange-50 disabled:text-zinc-400 disabled:hover:bg-transparent ${FOCUS_RING}`}
            >
              Mark all read
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {list.isPending && <p className="px-4 py-6 text-sm text-zinc-500">Loading…</p>}
            {list.isError && (
              <p role="alert" className="px-4 py-6 text-sm text-red-700">
                {apiError(list.error).message}
              </p>
            )}
            {list.isSuccess && items.length === 0 && <p className="px-4 py-6 text-sm text-zinc-500">Nothing yet. Decisions waiting on you will show here.</p>}
            {items.length > 0 && (
              <ul data-testid="notifications-list" className="divide-y divide-zinc-100">
                {items.map((n) => (
                  <li key={n.id}>
                    <Link
                      to={linkOf(companySlug, n)}
                      data-testid="notification-item"
                      data-kind={n.kind}
                      data-unread={n.readAt === null}
                      onClick={() => {
                        if (n.readAt === null) markRead.mutate({ companySlug, ids: [n.id] });
                        close(false);
                      }}
                      className={`block px-4 py-3 hover:bg-zinc-50 ${FOCUS_RING} ${n.readAt === null ? 'bg-orange-50/40' : ''}`}
                    >
                      <span className="flex items-center gap-2 text-xs font-medium text-zinc-500">
                        {n.readAt === null && <span aria-hidden="true" className="size-2 rounded-full bg-orange-600" />}
                        <span>{NOTIFICATION_KIND_LABELS[n.kind]}</span>
                        {n.readAt === null && <span className="sr-only">(unread)</span>}
                        {n.closed && (
                          <span data-testid="notification-closed" className="rounded bg-zinc-100 px-1.5 text-zinc-600">
                            Closed
                          </span>
                        )}
                        <span className="ml-auto">
                          <RelativeTime value={n.createdAt} />
                        </span>
                      </span>
                      <span className="mt-0.5 block text-sm text-zinc-800">{n.message}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {list.data?.hasMore && limit < 50 && (
              <button
                type="button"
                data-testid="notifications-more"
                onClick={() => setLimit(50)}
                className={`block w-full border-t border-zinc-100 px-4 py-2 text-sm font-medium text-orange-700 hover:bg-orange-50 ${FOCUS_RING}`}
              >
                Show more
              </button>
            )}
          </div>
        </div>
      )}
    </>
  );
}
