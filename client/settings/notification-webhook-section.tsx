/**
 * Settings → Notifications: the company's outgoing webhook. Each approval fact (a decision waiting, a reminder, an
 * escalation) is posted to it as Slack incoming-webhook JSON, retried when the receiver fails; the server judges
 * the URL by the SSRF guard's rules (and names what is wrong with it). The latest deliveries show every attempt.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DeliveryStatus } from '../../shared/notifications/vocab.ts';
import { apiError, fieldError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { TextField } from '../ui/text-field.tsx';

const STATUS_LABELS = {
  pending: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
  refused: 'Refused (address not allowed)',
  cancelled: 'Cancelled',
} as const satisfies Record<DeliveryStatus, string>;

const STATUS_STYLES = {
  pending: 'bg-amber-50 text-amber-800 ring-amber-200',
  delivered: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  refused: 'bg-red-50 text-red-800 ring-red-200',
  cancelled: 'bg-zinc-50 text-zinc-700 ring-zinc-200',
} as const satisfies Record<DeliveryStatus, string>;

export function NotificationWebhookSection({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const current = useQuery(trpc.notifications.webhook.queryOptions({ companySlug }));
  const deliveries = useQuery({ ...trpc.notifications.webhookDeliveries.queryOptions({ companySlug }), refetchInterval: 15_000 });
  const [url, setUrl] = useState('');
  const [linkBase, setLinkBase] = useState('');
  // The form starts from what is stored, once it has loaded (the fields are shut until then, so nothing typed is lost).
  useEffect(() => {
    if (!current.data) return;
    setUrl(current.data.webhook?.url ?? '');
    setLinkBase(current.data.webhook?.linkBase ?? window.location.origin);
  }, [current.data]);
  const save = useMutation(
    trpc.notifications.setWebhook.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.notifications.webhook.queryKey({ companySlug }), next),
    }),
  );
  const error = save.isError ? apiError(save.error) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ companySlug, webhook: url.trim() ? { url: url.trim(), linkBase: linkBase.trim() } : null });
  };
  const saved = current.data?.webhook;

  return (
    <section aria-labelledby={headingId} className="mb-10" data-testid="notification-webhook">
      <h2 id={headingId} className="text-lg font-semibold text-zinc-900">
        Notifications
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-zinc-500">
        Deciders see new decisions, reminders and escalations under the bell. To post them to a team channel as well, give a Slack-compatible incoming webhook.
      </p>
      <form onSubmit={submit} className="mt-3 max-w-2xl space-y-3 rounded-lg bg-white p-4 ring-1 ring-zinc-200" noValidate>
        <TextField
          label="Webhook URL"
          hint="Slack: Apps → Incoming Webhooks. Leave empty to send none."
          placeholder="https://hooks.slack.com/services/…"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={fieldError(error, 'webhook.url')}
          limit={2048}
          data-testid="webhook-url"
          disabled={!current.data}
          type="url"
          inputMode="url"
        />
        <TextField
          label="Links in messages open"
          hint="The address people open Ember at."
          value={linkBase}
          onChange={(e) => setLinkBase(e.target.value)}
          error={fieldError(error, 'webhook.linkBase')}
          limit={512}
          data-testid="webhook-link-base"
          disabled={!current.data}
        />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.isPending || current.isPending} data-testid="webhook-save">
            {url.trim() ? 'Save webhook' : saved ? 'Remove webhook' : 'Save'}
          </Button>
          {save.isSuccess && (
            <span role="status" className="text-sm text-emerald-700">
              Saved
            </span>
          )}
          {error && !fieldError(error, 'webhook.url') && !fieldError(error, 'webhook.linkBase') && (
            <span role="alert" className="text-sm font-medium text-red-700">
              {error.message}
            </span>
          )}
        </div>
      </form>
      {!!deliveries.data?.length && (
        <div className="mt-4 max-w-2xl">
          <h3 className="text-sm font-semibold text-zinc-700">Latest deliveries</h3>
          <ul className="mt-2 divide-y divide-zinc-100 rounded-lg bg-white ring-1 ring-zinc-200" data-testid="webhook-deliveries">
            {deliveries.data.map((d) => (
              <li key={d.id} className="px-4 py-2 text-sm">
                <div className="flex items-center gap-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[d.status]}`}>{STATUS_LABELS[d.status]}</span>
                  <span className="min-w-0 flex-1 truncate text-zinc-700">{d.text}</span>
                  <span className="shrink-0 text-xs text-zinc-500">
                    <RelativeTime value={d.createdAt} />
                  </span>
                </div>
                {d.attempts.length > 0 && (
                  <p className="mt-1 text-xs text-zinc-500">
                    {d.attempts.map((a) => `#${a.attempt}: ${a.status ?? a.error ?? 'no answer'}`).join(' · ')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
