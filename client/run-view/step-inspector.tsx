/**
 * One step of the run: status and why, times and duration, what a condition evaluated, an approval's decision
 * (or the form to make it), the error with its stack, input and output, and every executor attempt with its times.
 */
import { useQuery } from '@tanstack/react-query';
import { stepPath } from '../../shared/cel/references.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { isTerminalRunStatus, STATUS_LOOK, stepDisplayStatus } from '../../shared/runs/status.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';
import { apiError } from '../lib/api-errors.ts';
import { elapsed, formatDuration } from '../runs/format.ts';
import { useRerun } from '../runs/rerun-dialog.tsx';
import { StatusBadge } from '../runs/status-badge.tsx';
import { useNow } from '../runs/use-now.ts';
import { useTRPC } from '../trpc.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { NodeHeader } from '../ui/node-header.tsx';
import { GateDecision, type RunDetail } from './gate-decision.tsx';
import { Facts, JsonView, Section } from './json-view.tsx';
import { useRunLive } from './run-store.ts';
import { Check, RotateCw, X } from 'lucide-react';

interface Props {
  companySlug: string;
  run: RunDetail;
  step: Step;
  canRun: boolean;
  onClose: () => void;
}

export function StepInspector({ companySlug, run, step, canRun, onClose }: Props) {
  const row = run.steps.find((s) => s.stepId === step.id);
  const live = useRunLive((s) => s.steps[step.id]);
  const now = useNow(1000, !row?.finishedAt && Boolean(row?.startedAt));
  const evaluated = useRunLive((s) => s.evaluated[step.id]);
  const branch = useRunLive((s) => s.branches[step.id]);
  const status = stepDisplayStatus(live?.status ?? row?.status ?? 'pending', live ? live.reason : (row?.statusReason ?? null));
  const reason = live ? live.reason : (row?.statusReason ?? null);
  const def = stepDefinition(step.kind);
  const gate = run.gates.find((g) => g.stepId === step.id);
  const ms = elapsed(row?.startedAt ?? null, row?.finishedAt ?? null, now);
  const error = row?.error as { name?: string; message?: string; stack?: string } | null | undefined;
  const runFinished = isTerminalRunStatus(run.run.status);
  const mayRerunFrom = canRun && runFinished && run.run.status !== 'completed' && step.type !== 'trigger' && (status === 'failed' || status === 'skipped');

  return (
    <div data-testid="step-inspector" data-step-id={step.id} className="flex min-h-full flex-col">
      <header className="sticky top-0 z-10 flex items-start gap-3 border-b border-zinc-200 bg-white px-5 py-4">
        <NodeHeader
          step={step}
          size="panel"
          className="min-w-0 flex-1"
          detail={
            <>
              {def?.title ?? step.kind} · <span className="font-mono">{stepPath(step.id)}</span>
            </>
          }
        />
        <button type="button" onClick={onClose} aria-label="Back to the run overview" title="Back to the run overview (Esc)" className={`flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}>
          <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <path d="M3 3l6 6M9 3l-6 6" />
          </svg>
        </button>
      </header>

      <Section title="Status">
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <StatusBadge status={status} size="md" testId="inspector-status" label={gate && status === 'completed' ? 'Decided' : undefined} />
          {live && live.attempts > 1 && <span className="text-xs text-zinc-500">attempt {live.attempts}</span>}
        </div>
        {reason && (
          <p data-testid="inspector-reason" className="mb-3 rounded-md px-3 py-2 text-sm" style={{ backgroundColor: STATUS_LOOK[status].colour.bg, color: STATUS_LOOK[status].colour.text }}>
            {sentence(reason)}
          </p>
        )}
        <Facts
          rows={[
            ['Started', row?.startedAt ? time(row.startedAt) : '—'],
            ['Finished', row?.finishedAt ? time(row.finishedAt) : '—'],
            ['Duration', <span data-testid="inspector-duration">{ms === null ? '—' : formatDuration(ms)}</span>],
            ['Attempts', String(live?.attempts ?? row?.attempts ?? 0)],
          ]}
        />
        {mayRerunFrom && <RerunFrom companySlug={companySlug} run={run} step={step} />}
      </Section>

      {evaluated && (
        <Section title="Condition">
          <p className="text-sm text-zinc-700" data-testid="inspector-condition">
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px]">{evaluated.expression}</code> evaluated to{' '}
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] font-semibold">{JSON.stringify(evaluated.value)}</code>, so the run took the{' '}
            <strong className={branch === 'no' ? 'text-rose-700' : 'text-emerald-700'}>{branch}</strong> branch.
          </p>
        </Section>
      )}

      {gate && (
        <Section title="Approval">
          <GateDecision companySlug={companySlug} run={run} gate={gate} />
        </Section>
      )}

      {error && (
        <Section title="Error">
          <p className="text-sm font-medium text-red-800" data-testid="inspector-error">
            {error.name ? `${error.name}: ` : ''}
            {error.message}
          </p>
          {error.stack && (
            <details className="mt-2">
              <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none">Stack trace</summary>
              <pre data-testid="inspector-stack" className="mt-1 max-h-56 overflow-auto rounded-lg bg-zinc-950 px-3 py-2 font-mono text-[11px] leading-relaxed text-zinc-100">
                {error.stack}
              </pre>
            </details>
          )}
        </Section>
      )}

      {step.type !== 'trigger' && (
        <Section title="Input">
          <JsonView value={row?.input} testId="inspector-input" empty="Not started" />
        </Section>
      )}
      <Section title={step.type === 'trigger' ? 'Trigger event data' : 'Output'}>
        <JsonView value={row?.output} testId="inspector-output" empty={status === 'skipped' ? 'Skipped: no output' : 'No output yet'} />
      </Section>
      <Attempts companySlug={companySlug} runId={run.run.id} stepId={step.id} />
    </div>
  );
}

function RerunFrom({ companySlug, run, step }: { companySlug: string; run: RunDetail; step: Step }) {
  const rerun = useRerun(companySlug, run.run.workflowId);
  return (
    <div className="mt-4 rounded-lg bg-orange-50/70 p-3 ring-1 ring-orange-200 ring-inset">
      <p className="text-sm text-orange-950">Run again from this step. Steps that completed and do not depend on it keep their outputs and are not executed again.</p>
      <button
        type="button"
        data-testid="rerun-from-step"
        disabled={rerun.isPending}
        onClick={() => rerun.mutate({ companySlug, id: run.run.id, fromStepId: step.id })}
        className={`mt-2 inline-flex items-center gap-1.5 rounded-md bg-orange-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-orange-700 disabled:bg-orange-600/50 ${FOCUS_RING}`}
      >
        <RotateCw aria-hidden="true" className="size-4" /> {rerun.isPending ? 'Starting…' : `Rerun from “${step.name}”`}
      </button>
      {rerun.error && (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {apiError(rerun.error).message}
        </p>
      )}
    </div>
  );
}

function Attempts({ companySlug, runId, stepId }: { companySlug: string; runId: string; stepId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.runs.attempts.queryOptions({ companySlug, id: runId }));
  const list = q.data?.steps[stepId] ?? [];
  return (
    <Section title="Attempts" aside={list.length > 0 && <span className="text-xs text-zinc-400">{list.length} executor call{list.length === 1 ? '' : 's'}</span>} testId="inspector-attempts">
      {q.isPending && <p className="text-xs text-zinc-400">Loading…</p>}
      {q.isError && <p className="text-xs text-red-700">{apiError(q.error).message}</p>}
      {q.data && list.length === 0 && <p className="text-xs text-zinc-400 italic">{q.data.available ? 'No executor calls for this step.' : 'Attempts are recorded by the embedded executor only.'}</p>}
      {list.length > 0 && (
        <ol className="flex flex-col gap-1.5">
          {list.map((a, i) => (
            <li key={i} data-testid="attempt" data-ok={a.ok} className="flex items-start gap-2 text-xs">
              <span aria-hidden="true" className={`mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full text-white ${a.ok ? 'bg-emerald-600' : 'bg-red-600'}`}>
                {a.ok ? <Check className="size-3" strokeWidth={3} /> : <X className="size-3" strokeWidth={3} />}
              </span>
              <span className="min-w-0 flex-1">
                <span className="font-medium text-zinc-800">
                  {PHASE[a.phase] ?? a.phase} · attempt {a.attempt}
                </span>
                <span className="block text-zinc-500 tabular-nums">
                  {clock(a.startedAt)} → {clock(a.endedAt)} · {formatDuration(Date.parse(a.endedAt) - Date.parse(a.startedAt))}
                </span>
                {a.error?.message && <span className="block truncate text-red-700" title={a.error.message}>{a.error.message}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

const PHASE: Record<string, string> = { run: 'Run', open: 'Open approval', wait: 'Wait for decision', start: 'Start', sleep: 'Sleep', skip: 'Record skip', failed: 'Record failure' };

function time(v: string | Date): string {
  return new Date(v).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function clock(v: string): string {
  const d = new Date(v);
  return `${d.toLocaleTimeString('en-US', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
