/**
 * The task vocabularies (DOMAIN.md §1.7), one source each. Task statuses live with the run statuses
 * (shared/runs/status.ts) because the database enum is shared with gate tasks.
 */
import type { TaskStatus } from '../runs/status.ts';

export const TASK_TYPES = [
  'import_failure',
  'channel_rejection',
  'audit_finding',
  'pdp_drift',
  'spec_change',
  'image_noncompliant',
  'enrichment_review',
  'human_gate',
  'manual',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_TYPE_LABEL = {
  import_failure: 'Import failure',
  channel_rejection: 'Channel rejection',
  audit_finding: 'Audit finding',
  pdp_drift: 'PDP drift',
  spec_change: 'Spec change',
  image_noncompliant: 'Image issue',
  enrichment_review: 'Enrichment review',
  human_gate: 'Approval',
  manual: 'Task',
} as const satisfies Record<TaskType, string>;

export const TASK_PRIORITY_ORDER = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITY_ORDER)[number];

export const TASK_PRIORITY_LABEL = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' } as const satisfies Record<TaskPriority, string>;

/** Design defaults (DOMAIN.md F10 step 4): how long a task of each priority may take. */
export const SLA_HOURS = { urgent: 24, high: 48, medium: 120, low: 240 } as const satisfies Record<TaskPriority, number>;

/** Design defaults (DOMAIN.md F11): how long without activity before a task counts as stalled. */
export const STALL_HOURS = { urgent: 4, high: 24, medium: 72, low: 168 } as const satisfies Record<TaskPriority, number>;

export const MAX_ESCALATION_LEVEL = 3;

/** Statuses in which someone still has to act; the open-subject de-duplication covers exactly these. */
export const ACTIVE_TASK_STATUSES = ['new', 'open', 'in_progress', 'blocked'] as const satisfies readonly TaskStatus[];

export const TASK_STATUS_LABEL = {
  new: 'New',
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
  merged: 'Merged',
} as const satisfies Record<TaskStatus, string>;

export const TASK_EVENT_TYPES = ['created', 'routed', 'assigned', 'claimed', 'comment', 'status_changed', 'escalated', 'merged', 'due_changed'] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** `decision_waiting` and `reminder` are a decider's (shared/notifications); `escalated` is both a routed task's and a gate's. */
export const NOTIFICATION_KINDS = ['assigned', 'escalated', 'account_team', 'merged', 'decision_waiting', 'reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Member titles used for routing and escalation (ours roles stay admin/editor/approver/viewer). */
export const MEMBER_TITLES = ['content_manager', 'ops_lead', 'catalog_specialist', 'shelf_analyst', 'asset_coordinator'] as const;
export type MemberTitle = (typeof MEMBER_TITLES)[number];

export function bumpPriority(p: TaskPriority): TaskPriority {
  const i = TASK_PRIORITY_ORDER.indexOf(p);
  return TASK_PRIORITY_ORDER[Math.min(i + 1, TASK_PRIORITY_ORDER.length - 1)]!;
}

export function isTaskPriority(p: string): p is TaskPriority {
  return (TASK_PRIORITY_ORDER as readonly string[]).includes(p);
}
