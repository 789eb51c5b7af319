/**
 * Telling deciders about an approval fact — a level opening (a decision waits on them), a reminder, an escalation —
 * where the fact happens, in its transaction: one notification per recipient (and one for the delegate of each
 * recipient who has handed their decisions over), and, when the company has a webhook, one outbox row for the
 * channel. Every row carries the fact's dedupe key, so a durable step re-executed after a crash, or a retried
 * request, writes each once. Returns the event that asks for the webhook's delivery (send it after the commit).
 */
import { sql } from 'drizzle-orm';
import type { DeciderSet, GateChain } from '../../../shared/approvals/chain.ts';
import { makeEvent, webhookDeliveryRequested, type CatalogEvent } from '../../../shared/events/index.ts';
import { gateFactMessage } from '../../../shared/notifications/slack.ts';
import type { GateNotificationKind } from '../../../shared/notifications/vocab.ts';
import { ROLES, can } from '../../../shared/roles.ts';
import type { Tx } from '../../db/client.ts';
import { storedWebhook } from './webhook-setting.ts';

export interface GateFact {
  kind: GateNotificationKind;
  companyId: string;
  workflowId: string;
  runId: string;
  taskId: string;
  /** The chain level (0-based) the fact is about. */
  level: number;
  /** Who it concerns: the level's deciders, or the people it escalated to. Naming nobody means whoever may decide. */
  deciders: DeciderSet;
  /** Reminders: only those who have not voted on the level yet. */
  onlyUndecided?: boolean;
  /** The fact's own key (the audit entry's): each recipient's row and the outbox row are keyed by it. */
  dedupeKey: string;
  /** Reminders: how much of the level's time has passed. */
  percent?: number;
}

/** Roles that may decide approvals: a level naming nobody is theirs. */
const DECIDING_ROLES = ROLES.filter((r) => can(r, 'resolve_gates'));

const pgArray = (xs: readonly string[]) => `{${xs.join(',')}}`;

export async function notifyGateFact(tx: Tx, f: GateFact): Promise<CatalogEvent | null> {
  const [about] = await tx.execute<{ step_name: string; gate_chain: GateChain | null; workflow_name: string; slug: string; settings: Record<string, unknown> }>(sql`
    select t.title as step_name, t.gate_chain, w.name as workflow_name, c.slug, c.settings
    from tasks t join workflows w on w.id = ${f.workflowId} join companies c on c.id = t.company_id where t.id = ${f.taskId}`);
  if (!about) return null;
  const levels = about.gate_chain?.levels ?? [];
  const levelName = levels[f.level]?.name ?? `Level ${f.level + 1}`;
  const anyone = f.deciders.roles.length === 0 && f.deciders.userIds.length === 0;
  const roles = anyone ? DECIDING_ROLES : f.deciders.roles;
  const recipients = await tx.execute<{ user_id: string; name: string }>(sql`
    select m.user_id, u.name from memberships m join users u on u.id = m.user_id
    where m.company_id = ${f.companyId}
      and (m.role::text = any(${pgArray(roles)}::text[]) or m.user_id = any(${pgArray(f.deciders.userIds)}::uuid[]))
      ${f.onlyUndecided ? sql`and not exists (select 1 from gate_votes v where v.task_id = ${f.taskId} and v.level = ${f.level} and v.user_id = m.user_id)` : sql``}
    order by u.name, m.user_id`);
  const ids = recipients.map((r) => r.user_id);
  // Someone away who handed their decisions over: their delegate hears of it too (unless told already as a decider).
  const delegates = ids.length
    ? await tx.execute<{ delegate_user_id: string; user_id: string; name: string }>(sql`
        select d.delegate_user_id, d.user_id, u.name from approval_delegations d join users u on u.id = d.user_id
        where d.company_id = ${f.companyId} and d.user_id = any(${pgArray(ids)}::uuid[]) and d.starts_at <= now() and d.ends_at > now()
          and not (d.delegate_user_id = any(${pgArray(ids)}::uuid[]))`)
    : [];
  const text = message(f, about.step_name, about.workflow_name, levelName);
  const rows = [
    ...recipients.map((r) => ({ userId: r.user_id, onBehalfOf: null as string | null, key: f.dedupeKey, message: text })),
    ...delegates.map((d) => ({ userId: d.delegate_user_id, onBehalfOf: d.user_id, key: `${f.dedupeKey}:for:${d.user_id}`, message: `${text} (on behalf of ${d.name})` })),
  ];
  for (const r of rows) {
    await tx.execute(sql`
      insert into notifications (company_id, user_id, task_id, kind, message, run_id, workflow_id, level, on_behalf_of, dedupe_key)
      values (${f.companyId}, ${r.userId}, ${f.taskId}, ${f.kind}, ${r.message}, ${f.runId}, ${f.workflowId}, ${f.level}, ${r.onBehalfOf}, ${r.key})
      on conflict (company_id, user_id, dedupe_key) where dedupe_key is not null do nothing`);
  }

  const webhook = storedWebhook(about.settings);
  if (!webhook) return null;
  const payload = gateFactMessage({
    kind: f.kind, workflowName: about.workflow_name, stepName: about.step_name, levelName, level: f.level, levels: Math.max(levels.length, f.level + 1),
    waitingOn: recipients.map((r) => r.name), ...(f.percent !== undefined ? { percent: f.percent } : {}),
    link: `${webhook.linkBase}/supplier/${about.slug}/workflows/${f.workflowId}/runs/${f.runId}`,
  });
  const [made] = await tx.execute<{ id: string }>(sql`
    insert into webhook_deliveries (company_id, kind, task_id, payload, dedupe_key)
    values (${f.companyId}, ${f.kind}, ${f.taskId}, ${JSON.stringify(payload)}::jsonb, ${f.dedupeKey})
    on conflict (company_id, dedupe_key) do nothing returning id`);
  // Written already (a re-executed step): ask again while it is pending; the event id makes that a no-op if it ran.
  const [row] = made ? [made] : await tx.execute<{ id: string }>(sql`select id from webhook_deliveries where company_id = ${f.companyId} and dedupe_key = ${f.dedupeKey} and status = 'pending'`);
  return row ? webhookEvent(f.companyId, row.id) : null;
}

export const webhookEvent = (companyId: string, deliveryId: string) => makeEvent(webhookDeliveryRequested, `webhook:${deliveryId}`, { companyId, deliveryId });

/** The deciders of a level, and once it has escalated the people it escalated to as well. */
export function levelDeciders(deciders: DeciderSet, escalateTo: DeciderSet | null, escalated: boolean): DeciderSet {
  const anyone = deciders.roles.length === 0 && deciders.userIds.length === 0;
  if (anyone || !escalated || !escalateTo) return deciders;
  return { roles: [...new Set([...deciders.roles, ...escalateTo.roles])], userIds: [...new Set([...deciders.userIds, ...escalateTo.userIds])] };
}

function message(f: GateFact, stepName: string, workflowName: string, levelName: string): string {
  const where = `"${stepName}" in ${workflowName}`;
  switch (f.kind) {
    case 'decision_waiting':
      return `${where} waits for your decision (${levelName})`;
    case 'reminder':
      return `Reminder: ${where} still waits for your decision (${levelName}${f.percent !== undefined ? `, ${f.percent}% of its time used` : ''})`;
    case 'escalated':
      return `${where} was escalated to you: ${levelName} was not decided in time`;
  }
}

/**
 * For the reconciler: outbox rows nobody has tried yet although they are older than `before` (the send after the
 * commit was lost). Same id as the first send: ignored if the engine has it, delivered now if it was lost.
 */
export async function unsentWebhookEvents(tx: Tx, companyId: string, before: string): Promise<CatalogEvent[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    select id from webhook_deliveries where status = 'pending' and attempts = '[]'::jsonb and created_at < ${before}::timestamptz order by created_at limit 500`);
  return rows.map((r) => webhookEvent(companyId, r.id));
}
