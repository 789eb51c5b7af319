/**
 * Notifications for deciders, and the company's outgoing webhook: the kinds, the delivery statuses, and the webhook
 * setting's schema. Pure, so the server, the Settings form and the bell read one vocabulary.
 *
 * Glossary:
 * - notification: one row per recipient and fact ("a decision waits on you", "a reminder", "escalated to you"),
 *   written in the same transaction as the fact's audit entry, once per dedupe key. The table also holds routed
 *   tasks' notifications (assigned, escalated, …); the bell lists them all.
 * - delivery: one outbox row per fact for the company's webhook (not per recipient: it is one channel), delivered
 *   by the task orchestrator's durable steps with retries; each attempt is recorded on the row.
 */
import { z } from 'zod';
import { configuredAllowlist } from '../net/allowlist.ts';
import { checkOutboundUrl } from '../net/url.ts';
import type { NotificationKind } from '../tasks/vocab.ts';

/** The kinds a gate writes (a subset of the table's kinds, shared/tasks/vocab.ts, which routed tasks share). */
export const GATE_NOTIFICATION_KINDS = ['decision_waiting', 'reminder', 'escalated'] as const;
export type GateNotificationKind = (typeof GATE_NOTIFICATION_KINDS)[number];

/** How the bell names every kind of notification a person can get. */
export const NOTIFICATION_KIND_LABELS = {
  decision_waiting: 'Decision waiting',
  reminder: 'Reminder',
  escalated: 'Escalated to you',
  assigned: 'Assigned to you',
  account_team: 'For the account team',
  merged: 'Task merged',
} as const satisfies Record<NotificationKind, string>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'refused', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt at delivering, as recorded on the delivery row (`status` is the HTTP status when one came back). */
export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int().min(1),
  at: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  ms: z.number().int().min(0),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/**
 * The webhook URL, by the SSRF guard's rules (shared/net) with the deployment's allowlist (`EMBER_HTTP_ALLOWLIST`):
 * the same verdict, in the same words, as the HTTP step's form. DNS is checked at each delivery.
 */
export const WebhookUrlSchema = z
  .string({ error: 'enter an http:// or https:// URL' })
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    const verdict = checkOutboundUrl(value, configuredAllowlist());
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.reason });
  });

/** Where the message's links point: the app as people open it (never fetched, so any http(s) origin will do). */
export const LinkBaseSchema = z
  .string()
  .trim()
  .max(512)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'enter the address people open Ember at, like https://ember.example.com');

/** The company's outgoing webhook (Slack-compatible incoming-webhook JSON); absent or null: none is sent. */
export const WebhookSettingSchema = z.object({ url: WebhookUrlSchema, linkBase: LinkBaseSchema }).strict();
export type WebhookSetting = z.infer<typeof WebhookSettingSchema>;
