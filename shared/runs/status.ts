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

/**
 * What a run or a step looks like on screen. The stored statuses above, plus three shades of a running step that
 * a watcher must tell apart from plain running: a gate waiting for a decision, a step waiting to retry after a
 * failed attempt, and a delay sleeping. Every view (canvas nodes, run lists, inspector, timeline, inbox) draws
 * from this one table; `colour` values are CSS colours so any renderer can use them.
 */
export const DISPLAY_STATUSES = ['pending', 'running', 'waiting', 'retrying', 'sleeping', 'completed', 'failed', 'skipped', 'cancelled'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export interface StatusLook {
  label: string;
  /** A single glyph; the app loads no icon font. */
  icon: string;
  /** One sentence for tooltips and screen readers. */
  description: string;
  /** text, tinted background, ring/border, and the solid colour of dots, bars and edges. */
  colour: { text: string; bg: string; ring: string; solid: string };
  /** Still moving: drawn with motion (pulse) and counted as active. */
  active: boolean;
}

export const STATUS_LOOK = {
  pending: { label: 'Pending', icon: '○', description: 'Not started yet', colour: { text: '#52525b', bg: '#f4f4f5', ring: '#d4d4d8', solid: '#a1a1aa' }, active: false },
  running: { label: 'Running', icon: '◐', description: 'Working now', colour: { text: '#1d4ed8', bg: '#eff6ff', ring: '#93c5fd', solid: '#2563eb' }, active: true },
  waiting: { label: 'Waiting for approval', icon: '‖', description: 'Paused until an approver decides', colour: { text: '#92400e', bg: '#fffbeb', ring: '#fcd34d', solid: '#d97706' }, active: true },
  retrying: { label: 'Retrying', icon: '↻', description: 'An attempt failed; the next one is scheduled', colour: { text: '#9a3412', bg: '#fff7ed', ring: '#fdba74', solid: '#ea580c' }, active: true },
  sleeping: { label: 'Sleeping', icon: '☾', description: 'Waiting for a delay to pass', colour: { text: '#3730a3', bg: '#eef2ff', ring: '#a5b4fc', solid: '#4f46e5' }, active: true },
  completed: { label: 'Completed', icon: '✓', description: 'Finished successfully', colour: { text: '#047857', bg: '#ecfdf5', ring: '#6ee7b7', solid: '#059669' }, active: false },
  failed: { label: 'Failed', icon: '✕', description: 'Stopped with an error', colour: { text: '#b91c1c', bg: '#fef2f2', ring: '#fca5a5', solid: '#dc2626' }, active: false },
  skipped: { label: 'Skipped', icon: '⤼', description: 'Did not run', colour: { text: '#71717a', bg: '#fafafa', ring: '#e4e4e7', solid: '#d4d4d8' }, active: false },
  cancelled: { label: 'Cancelled', icon: '⊘', description: 'Stopped by a person', colour: { text: '#57534e', bg: '#f5f5f4', ring: '#d6d3d1', solid: '#78716c' }, active: false },
} as const satisfies Record<DisplayStatus, StatusLook>;

/** status_reason of a gate waiting for its decision, and the prefixes of a sleeping delay and a pending retry. */
export const GATE_WAITING_REASON = 'waiting for a decision';
export const SLEEPING_REASON_PREFIX = 'sleeping ';
export const RETRYING_REASON_PREFIX = 'retrying ';

/** How a step shows: its stored status, refined by what a running step is doing (from its status_reason). */
export function stepDisplayStatus(status: string, reason: string | null | undefined): DisplayStatus {
  if (status === 'running' && reason) {
    if (reason === GATE_WAITING_REASON) return 'waiting';
    if (reason.startsWith(SLEEPING_REASON_PREFIX)) return 'sleeping';
    if (reason.startsWith(RETRYING_REASON_PREFIX)) return 'retrying';
  }
  return isDisplayStatus(status) ? status : 'pending';
}

/** A run's status as shown (run statuses are all display statuses). */
export function runDisplayStatus(status: string): DisplayStatus {
  return isDisplayStatus(status) ? status : 'pending';
}

function isDisplayStatus(s: string): s is DisplayStatus {
  return (DISPLAY_STATUSES as readonly string[]).includes(s);
}

export function isTerminalRunStatus(s: string): boolean {
  return (TERMINAL_RUN_STATUSES as readonly string[]).includes(s);
}
