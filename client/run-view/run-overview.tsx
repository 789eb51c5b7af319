/** The side panel when no step is selected: approvals waiting, the run's facts, its timeline and its trigger. */
import type { Step } from '../../shared/graph/schema.ts';
import { runDisplayStatus, STATUS_LOOK } from '../../shared/runs/status.ts';
import { elapsed, formatDuration, shortId, TRIGGER_LABEL } from '../runs/format.ts';
import { StatusBadge } from '../runs/status-badge.tsx';
import { useNow } from '../runs/use-now.ts';
import { RelativeTime } from '../ui/relative-time.tsx';
import { SlaChip, type RunDetail } from './gate-decision.tsx';
import { Facts, JsonView, Section } from './json-view.tsx';
import { useRunLive } from './run-store.ts';
import { Timeline } from './timeline.tsx';

export function RunOverview({ run, onSelect }: { run: RunDetail; onSelect: (id: string) => void }) {
  const liveStatus = useRunLive((s) => s.run?.status);
  const status = runDisplayStatus(liveStatus ?? run.run.status);
  const now = useNow(1000, STATUS_LOOK[status].active || status === 'pending');
  const open = run.gates.filter((g) => g.open);
  const byId = new Map<string, Step>(run.version.graph.steps.map((s) => [s.id, s]));
  const error = run.run.error as { message?: string; stepId?: string } | null;
  const ms = elapsed(run.run.startedAt ?? run.run.createdAt, run.run.finishedAt, now);

  return (
    <div data-testid="run-overview">
      {open.length > 0 && (
        <Section title="Waiting for approval">
          <ul className="flex flex-col gap-2">
            {open.map((g) => (
              <li key={g.taskId}>
                <button
                  type="button"
                  data-testid="overview-gate"
                  onClick={() => onSelect(g.stepId)}
                  className="w-full rounded-lg bg-amber-50 px-3 py-2.5 text-left ring-1 ring-amber-200 ring-inset hover:bg-amber-100/70 focus-visible:outline-2 focus-visible:outline-orange-500"
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium text-amber-950">
                      <span aria-hidden="true" className="mr-1 font-bold text-amber-600">‖</span>
                      {g.title}
                    </span>
                    <SlaChip dueAt={g.dueAt} />
                  </span>
                  <span className="mt-1 line-clamp-2 block text-sm text-amber-900/80">{g.instructions}</span>
                  <span className="mt-1.5 block text-xs font-semibold text-amber-900">{g.blocked ? 'View →' : 'Review and decide →'}</span>
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Run">
        <div className="mb-3">
          <StatusBadge status={status} size="md" testId="overview-status" />
        </div>
        {error?.message && (
          <p className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset" data-testid="run-error">
            {error.stepId && byId.get(error.stepId) ? (
              <button type="button" className="font-semibold underline underline-offset-2" onClick={() => onSelect(error.stepId!)}>
                {byId.get(error.stepId)!.name}
              </button>
            ) : null}
            {error.stepId && byId.get(error.stepId) ? ': ' : ''}
            {error.message}
          </p>
        )}
        <Facts
          rows={[
            ['Run', <span className="font-mono text-xs">{shortId(run.run.id)}</span>],
            ['Version', `v${run.version.version}`],
            ['Trigger', `${TRIGGER_LABEL[run.run.triggerType] ?? run.run.triggerType}${run.startedByName ? ` by ${run.startedByName}` : ''}`],
            ['Started', <RelativeTime value={run.run.startedAt ?? run.run.createdAt} />],
            ['Duration', <span data-testid="overview-duration">{ms === null ? '—' : formatDuration(ms)}</span>],
          ]}
        />
      </Section>
      <Section title="Timeline">
        <Timeline rows={run.steps} steps={run.version.graph.steps} runStart={run.run.startedAt ?? run.run.createdAt} runEnd={run.run.finishedAt} now={now} onSelect={onSelect} />
      </Section>
      <Section title="Trigger event data" testId="overview-trigger">
        <JsonView value={run.run.triggerPayload} testId="trigger-payload" empty="No payload" />
      </Section>
    </div>
  );
}
