/** The one source of every run and run-step status vocabulary. UI labels and colours derive from these lists. */
export const RUN_STEP_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped'] as const;
export type RunStepStatus = (typeof RUN_STEP_STATUSES)[number];

export const RUN_STATUSES = ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TERMINAL_RUN_STATUSES = ['completed', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];

export const RUN_STATUS_LABEL = {
  pending: 'Pending',
  running: 'Running',
  waiting: 'Waiting',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
} as const satisfies Record<RunStatus, string>;

export const RUN_STEP_STATUS_LABEL = {
  pending: 'Pending',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  skipped: 'Skipped',
} as const satisfies Record<RunStepStatus, string>;

/** `new`: inserted by a producer, not routed yet; `merged`: closed as a duplicate of another open task. */
export const TASK_STATUSES = ['new', 'open', 'in_progress', 'blocked', 'done', 'cancelled', 'merged'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
