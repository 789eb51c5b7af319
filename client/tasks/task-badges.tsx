/** Labels and tones for task vocabularies, each from its one source in shared/tasks. */
import type { TaskStatus } from '../../shared/runs/status.ts';
import { isTaskPriority, TASK_PRIORITY_LABEL, TASK_STATUS_LABEL, TASK_TYPE_LABEL, type TaskPriority, type TaskType } from '../../shared/tasks/vocab.ts';
import { Badge, type BadgeTone } from '../ui/badge.tsx';

const STATUS_TONE = { new: 'accent', open: 'info', in_progress: 'warning', blocked: 'danger', done: 'success', cancelled: 'neutral', merged: 'neutral' } as const satisfies Record<TaskStatus, BadgeTone>;
const PRIORITY_TONE = { low: 'neutral', medium: 'info', high: 'warning', urgent: 'danger' } as const satisfies Record<TaskPriority, BadgeTone>;

export function TaskStatusBadge({ status }: { status: string }) {
  const s = status as TaskStatus;
  return <Badge tone={STATUS_TONE[s] ?? 'neutral'} data-testid="task-status">{TASK_STATUS_LABEL[s] ?? status}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return isTaskPriority(priority) ? <Badge tone={PRIORITY_TONE[priority]} data-testid="task-priority">{TASK_PRIORITY_LABEL[priority]}</Badge> : <Badge>{priority}</Badge>;
}

export function taskTypeLabel(type: string): string {
  return TASK_TYPE_LABEL[type as TaskType] ?? type;
}
