/**
 * The run's steps on a time axis (a Gantt chart): one row per step that started, a bar from its start to its end
 * (or to now while it works) in its status colour. Clicking a row selects the step.
 */
import type { Step } from '../../shared/graph/schema.ts';
import { STATUS_LOOK, stepDisplayStatus } from '../../shared/runs/status.ts';
import { formatDuration } from '../runs/format.ts';
import { timelineOrder } from './run-state.ts';

export interface TimelineRow {
  stepId: string;
  status: string;
  statusReason: string | null;
  startedAt: string | Date | null;
  finishedAt: string | Date | null;
}

export function Timeline({ rows, steps, runStart, runEnd, now, onSelect }: { rows: TimelineRow[]; steps: Step[]; runStart: string | Date | null; runEnd: string | Date | null; now: number; onSelect: (id: string) => void }) {
  const started = timelineOrder(rows.filter((r) => r.startedAt), steps);
  if (!runStart || started.length === 0) return <p className="text-sm text-zinc-500">Nothing has started yet.</p>;
  const t0 = Math.min(new Date(runStart).getTime(), ...started.map((r) => new Date(r.startedAt!).getTime()));
  const ends = started.map((r) => (r.finishedAt ? new Date(r.finishedAt).getTime() : now));
  const t1 = Math.max(runEnd ? new Date(runEnd).getTime() : now, ...ends, t0 + 1);
  const span = t1 - t0;
  const names = new Map(steps.map((s) => [s.id, s.name]));
  const ticks = [0, 0.5, 1];

  return (
    <div data-testid="run-timeline" className="text-xs">
      <div className="flex h-4 items-center gap-2 text-[10px] text-zinc-400" aria-hidden="true">
        <span className="w-28 shrink-0" />
        <span className="relative h-full flex-1">
          {ticks.map((f) => (
            <span key={f} className={`absolute whitespace-nowrap tabular-nums ${f === 0 ? '' : f === 1 ? '-translate-x-full' : '-translate-x-1/2'}`} style={{ left: `${f * 100}%` }}>
              {f === 0 ? '0' : formatDuration(span * f)}
            </span>
          ))}
        </span>
        <span className="w-14 shrink-0" />
      </div>
      <ol className="flex flex-col gap-1">
        {started.map((r) => {
          const start = new Date(r.startedAt!).getTime();
          const end = r.finishedAt ? new Date(r.finishedAt).getTime() : now;
          const status = stepDisplayStatus(r.status, r.statusReason);
          const look = STATUS_LOOK[status];
          const left = ((start - t0) / span) * 100;
          const width = Math.max(0.8, ((end - start) / span) * 100);
          return (
            <li key={r.stepId}>
              <button
                type="button"
                onClick={() => onSelect(r.stepId)}
                className="group flex w-full items-center gap-2 rounded-md py-0.5 text-left hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-orange-500"
                title={`${names.get(r.stepId) ?? r.stepId}: ${look.label}, ${formatDuration(end - start)}`}
                data-testid={`timeline-${r.stepId}`}
              >
                <span className="w-28 shrink-0 truncate text-zinc-700 group-hover:text-zinc-900">{names.get(r.stepId) ?? r.stepId}</span>
                <span className="relative h-4 flex-1 rounded bg-zinc-100/70">
                  <span
                    className={`absolute inset-y-0 rounded ${look.active ? 'bg-[length:8px_8px] bg-[linear-gradient(135deg,rgb(255_255_255/0.35)_25%,transparent_25%,transparent_50%,rgb(255_255_255/0.35)_50%,rgb(255_255_255/0.35)_75%,transparent_75%)]' : ''}`}
                    style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%`, backgroundColor: look.colour.solid, opacity: status === 'skipped' ? 0.5 : 1 }}
                  />
                </span>
                <span className="w-14 shrink-0 text-right text-zinc-500 tabular-nums">{formatDuration(end - start)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
