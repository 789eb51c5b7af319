/** Durations and short ids as runs show them. Pure. */

/** 850 ms, 12.4 s, 3 min 05 s, 2 h 10 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** From start to end, or to `now` while still going; null before it started. */
export function elapsed(start: string | Date | null | undefined, end: string | Date | null | undefined, now: number): number | null {
  if (!start) return null;
  const from = new Date(start).getTime();
  const to = end ? new Date(end).getTime() : now;
  return Math.max(0, to - from);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** A deadline relative to now: "due in 2 h 10 min" or "overdue by 5 min". */
export function describeDeadline(due: string | Date, now: number): { text: string; overdue: boolean; soon: boolean } {
  const left = new Date(due).getTime() - now;
  if (left < 0) return { text: `overdue by ${formatCoarse(-left)}`, overdue: true, soon: false };
  return { text: `due in ${formatCoarse(left)}`, overdue: false, soon: left < 60 * 60 * 1000 };
}

function formatCoarse(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m < 1) return 'less than a minute';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const d = Math.floor(h / 24);
  return `${d} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

export const TRIGGER_LABEL: Record<string, string> = { manual: 'Manual', schedule: 'Schedule', event: 'Event', rerun: 'Rerun' };
