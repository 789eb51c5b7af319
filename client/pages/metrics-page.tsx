/**
 * `/supplier/:slug/metrics`: how the company's workflows behave over a chosen range — step success per Inngest
 * function, steps per run, approval resolution times (with their tail), event-to-execution latency, workflow
 * churn and cost per execution. Every bar opens the runs behind it; every chart downloads its data as CSV.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import type { Drill } from '../../shared/metrics/drill.ts';
import { formatMs } from '../../shared/metrics/heat.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { HorizontalBars, VerticalBars } from '../metrics/bar-chart.tsx';
import { downloadCsv } from '../metrics/download.ts';
import { DrillList } from '../metrics/drill-list.tsx';
import type { CsvValue } from '../../shared/metrics/csv.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';

type Dashboard = RouterOutputs['metrics']['dashboard'];
const DAY = 86_400_000;
const RANGES = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '365d', label: 'Last 12 months', days: 365 },
  { id: 'custom', label: 'Custom…', days: 0 },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

export function MetricsPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <Metrics key={company.slug} company={company} />}</CompanyGate>;
}

const dateInput = (d: Date) => d.toISOString().slice(0, 10);

function Metrics({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const [rangeId, setRangeId] = useState<RangeId>('30d');
  const [custom, setCustom] = useState(() => ({ from: dateInput(new Date(Date.now() - 30 * DAY)), to: dateInput(new Date(Date.now() + DAY)) }));
  // Fixed when chosen, so the query key stays put while the page is open.
  const range = useMemo(() => {
    if (rangeId === 'custom') return { from: new Date(`${custom.from}T00:00:00Z`), to: new Date(`${custom.to}T00:00:00Z`) };
    const days = RANGES.find((r) => r.id === rangeId)!.days;
    const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    return { from: new Date(to.getTime() - days * DAY), to };
  }, [rangeId, custom]);
  const valid = range.from.getTime() < range.to.getTime();
  const m = useQuery({ ...trpc.metrics.dashboard.queryOptions({ companySlug: company.slug, ...range }), enabled: valid, placeholderData: keepPreviousData });
  const [drill, setDrill] = useState<{ point: Drill; title: string } | null>(null);
  const pick = (point: Drill, title: string) => setDrill({ point, title });
  const drillFor = (metric: Drill['metric']) =>
    drill?.point.metric === metric ? <DrillList companySlug={company.slug} range={range} point={drill.point} title={drill.title} onClose={() => setDrill(null)} /> : null;
  const pickedKey = (metric: Drill['metric']) => (drill?.point.metric === metric ? keyOf(drill.point) : null);

  return (
    <section aria-labelledby="metrics-heading" className="flex flex-col gap-5" data-testid="metrics-page">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="metrics-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">Metrics</h1>
          <p className="mt-1 text-zinc-500">
            How workflows behave at <span className="font-medium text-zinc-700">{company.name}</span>
            {m.isFetching && <span className="ml-2 text-xs text-zinc-400" role="status">updating…</span>}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            Range
            <select data-testid="metrics-range" value={rangeId} onChange={(e) => (setRangeId(e.target.value as RangeId), setDrill(null))} className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm text-zinc-900 ring-1 ring-zinc-300 ring-inset">
              {RANGES.map((r) => (
                <option key={r.id} value={r.id}>{r.label}</option>
              ))}
            </select>
          </label>
          {rangeId === 'custom' && (
            <>
              <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
                From
                <input type="date" data-testid="metrics-from" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} className="rounded-md border-0 py-1 px-2 text-sm ring-1 ring-zinc-300 ring-inset" />
              </label>
              <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
                To (exclusive)
                <input type="date" data-testid="metrics-to" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} className="rounded-md border-0 py-1 px-2 text-sm ring-1 ring-zinc-300 ring-inset" />
              </label>
            </>
          )}
        </div>
      </div>
      {!valid && <p role="alert" className="text-sm text-red-700">The range must end after it starts.</p>}
      {m.isPending && valid && <LoadingState label="Computing metrics…" />}
      {m.isError && <ErrorState message={apiError(m.error).message} onRetry={() => void m.refetch()} />}
      {m.data && <Cards data={m.data} pick={pick} drillFor={drillFor} pickedKey={pickedKey} />}
    </section>
  );
}

function keyOf(p: Drill): string {
  switch (p.metric) {
    case 'step_success_rate': return p.functionId;
    case 'avg_steps_per_run':
    case 'cost_per_execution': return p.workflowId;
    case 'gate_resolution':
    case 'event_to_execution': return String(p.bucket);
    case 'workflow_churn': return p.month;
  }
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const usd = (v: number | null) => (v === null ? '—' : `$${v < 0.01 && v > 0 ? v.toFixed(5) : v.toFixed(4)}`);
const secs = (v: number | null) => (v === null ? '—' : formatMs(v * 1000));
const ms = (v: number | null) => (v === null ? '—' : formatMs(v));
const shortFn = (id: string) => id.replace(/^ember-workflows-/, '');

interface CardsProps {
  data: Dashboard;
  pick: (p: Drill, title: string) => void;
  drillFor: (metric: Drill['metric']) => ReactNode;
  pickedKey: (metric: Drill['metric']) => string | null;
}

function Cards({ data, pick, drillFor, pickedKey }: CardsProps) {
  const { stepSuccess, stepsPerRun, gates, eventLatency, churn, cost } = data;
  const stamp = `${data.range.from.slice(0, 10)}_${data.range.to.slice(0, 10)}`;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Card
        id="step_success_rate"
        title="Step success rate per function"
        headline={pct(stepSuccess.rate)}
        sub={`${stepSuccess.succeeded.toLocaleString()} of ${stepSuccess.attempts.toLocaleString()} step attempts succeeded`}
        note="A step attempt is one call the executor made to a function; failed and retried (e.g. rate-limited) attempts count each time."
        empty={stepSuccess.functions.length === 0}
        csv={() => downloadCsv(`step-success-${stamp}.csv`, ['function', 'attempts', 'succeeded', 'failed', 'rate'], stepSuccess.functions.map((f) => [f.functionId, f.attempts, f.succeeded, f.failed, f.rate]))}
      >
        <HorizontalBars testId="chart-step-success" max={1} picked={pickedKey('step_success_rate')} onPick={(k) => pick({ metric: 'step_success_rate', functionId: k }, shortFn(k))} bars={stepSuccess.functions.map((f) => ({ key: f.functionId, label: shortFn(f.functionId), values: [f.rate], text: `${pct(f.rate)} of ${f.attempts}` }))} />
        {drillFor('step_success_rate')}
      </Card>
      <Card
        id="avg_steps_per_run"
        title="Average steps per run"
        headline={stepsPerRun.avg === null ? '—' : stepsPerRun.avg.toFixed(2)}
        sub={`${stepsPerRun.steps.toLocaleString()} steps ran in ${stepsPerRun.runs.toLocaleString()} runs`}
        note="Steps that ran (running, completed or failed); skipped branches do not count."
        empty={stepsPerRun.workflows.length === 0}
        csv={() => downloadCsv(`steps-per-run-${stamp}.csv`, ['workflow_id', 'workflow', 'runs', 'steps', 'avg_steps'], stepsPerRun.workflows.map((w) => [w.workflowId, w.name, w.runs, w.steps, w.avg]))}
      >
        <HorizontalBars testId="chart-steps-per-run" picked={pickedKey('avg_steps_per_run')} onPick={(k) => pick({ metric: 'avg_steps_per_run', workflowId: k }, stepsPerRun.workflows.find((w) => w.workflowId === k)?.name ?? 'workflow')} bars={stepsPerRun.workflows.map((w) => ({ key: w.workflowId, label: w.name, values: [w.avg], text: `${w.avg.toFixed(2)} · ${w.runs} runs` }))} />
        {drillFor('avg_steps_per_run')}
      </Card>
      <Card
        id="gate_resolution"
        title="Approval resolution time"
        headline={`p50 ${secs(gates.p50)}`}
        sub={`p90 ${secs(gates.p90)} · p99 ${secs(gates.p99)} · max ${secs(gates.max)} · ${gates.resolved} decided, ${gates.pending} undecided`}
        note="From workflow/triggered to workflow/human_gate.resolved; the red bars are the tail beyond a day."
        empty={gates.resolved === 0}
        csv={() => downloadCsv(`gate-resolution-${stamp}.csv`, ['bucket', 'from_s', 'to_s', 'gates'], gates.buckets.map((b) => [b.label, b.lo, b.hi, b.count]))}
      >
        <VerticalBars testId="chart-gates" picked={pickedKey('gate_resolution')} onPick={(k) => pick({ metric: 'gate_resolution', bucket: Number(k) }, gates.buckets[Number(k)]!.label)} bars={gates.buckets.map((b, i) => ({ key: String(i), label: b.label, values: [b.count], text: `${b.count} approvals`, ...(b.lo >= 86_400 ? { tone: 'tail' as const } : {}) }))} />
        {drillFor('gate_resolution')}
      </Card>
      <Card
        id="event_to_execution"
        title="Event-to-execution latency"
        headline={`p50 ${ms(eventLatency.p50)}`}
        sub={`p95 ${ms(eventLatency.p95)} · p99 ${ms(eventLatency.p99)} · ${eventLatency.count.toLocaleString()} runs`}
        note="From the executor receiving an event to the first step of a run it triggered."
        empty={eventLatency.count === 0}
        csv={() => downloadCsv(`event-latency-${stamp}.csv`, ['bucket', 'from_ms', 'to_ms', 'runs'], eventLatency.buckets.map((b) => [b.label, b.lo, b.hi, b.count]))}
      >
        <VerticalBars testId="chart-latency" picked={pickedKey('event_to_execution')} onPick={(k) => pick({ metric: 'event_to_execution', bucket: Number(k) }, eventLatency.buckets[Number(k)]!.label)} bars={eventLatency.buckets.map((b, i) => ({ key: String(i), label: b.label, values: [b.count], text: `${b.count} runs` }))} />
        {eventLatency.functions.length > 0 && (
          <table className="mt-3 w-full text-xs">
            <thead className="text-left text-zinc-500">
              <tr><th className="font-medium">Function</th><th className="font-medium">runs</th><th className="font-medium">p50</th><th className="font-medium">p95</th><th className="font-medium">p99</th></tr>
            </thead>
            <tbody className="tabular-nums text-zinc-700">
              {eventLatency.functions.map((f) => (
                <tr key={f.functionId}><td>{shortFn(f.functionId)}</td><td>{f.count}</td><td>{ms(f.p50)}</td><td>{ms(f.p95)}</td><td>{ms(f.p99)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        {drillFor('event_to_execution')}
      </Card>
      <Card
        id="workflow_churn"
        title="Workflow churn"
        headline={`${churn.created} created · ${churn.disabled} disabled`}
        sub={`${churn.deleted} deleted, per month (UTC)`}
        note="From the workflow audit log."
        empty={false}
        csv={() => downloadCsv(`workflow-churn-${stamp}.csv`, ['month', 'created', 'disabled', 'deleted'], churn.months.map((mo) => [mo.month, mo.created, mo.disabled, mo.deleted]))}
      >
        <VerticalBars testId="chart-churn" series={['created', 'disabled', 'deleted']} picked={pickedKey('workflow_churn')} onPick={(k) => pick({ metric: 'workflow_churn', month: k }, k)} bars={churn.months.map((mo) => ({ key: mo.month, label: mo.month, values: [mo.created, mo.disabled, mo.deleted], text: `${mo.created} created, ${mo.disabled} disabled, ${mo.deleted} deleted` }))} />
        {drillFor('workflow_churn')}
      </Card>
      <Card
        id="cost_per_execution"
        title="Cost per execution"
        headline={usd(cost.avgUsd)}
        sub={`p50 ${usd(cost.p50Usd)} · p95 ${usd(cost.p95Usd)} · total ${usd(cost.totalUsd)} over ${cost.runs.toLocaleString()} runs`}
        note="Claude tokens × price plus function invocations, as recorded on each run."
        empty={cost.workflows.length === 0}
        csv={() => downloadCsv(`cost-per-execution-${stamp}.csv`, ['workflow_id', 'workflow', 'runs', 'total_usd', 'avg_usd', 'claude_usd', 'input_tokens', 'output_tokens', 'function_invocations'], cost.workflows.map((w): CsvValue[] => [w.workflowId, w.name, w.runs, w.totalUsd, w.avgUsd, w.claudeUsd, w.inputTokens, w.outputTokens, w.functionInvocations]))}
      >
        <HorizontalBars testId="chart-cost" picked={pickedKey('cost_per_execution')} onPick={(k) => pick({ metric: 'cost_per_execution', workflowId: k }, cost.workflows.find((w) => w.workflowId === k)?.name ?? 'workflow')} bars={cost.workflows.map((w) => ({ key: w.workflowId, label: w.name, values: [w.avgUsd], text: `${usd(w.avgUsd)} · ${w.runs} runs` }))} />
        {drillFor('cost_per_execution')}
      </Card>
    </div>
  );
}

function Card({ id, title, headline, sub, note, empty, csv, children }: { id: string; title: string; headline: string; sub: string; note: string; empty: boolean; csv: () => void; children: ReactNode }) {
  return (
    <article aria-labelledby={`${id}-title`} data-testid={`metric-${id}`} className="flex flex-col rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <div className="mb-3 flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-sm font-semibold text-zinc-800">{title}</h2>
          <p className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={`metric-${id}-headline`}>{headline}</p>
          <p className="text-xs text-zinc-500">{sub}</p>
        </div>
        <button type="button" onClick={csv} data-testid={`metric-${id}-csv`} className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-zinc-600 ring-1 ring-zinc-300 hover:bg-zinc-50">
          CSV
        </button>
      </div>
      {empty ? <p className="py-6 text-center text-sm text-zinc-400">No data in this range.</p> : children}
      <p className="mt-3 text-[11px] text-zinc-400">{note}</p>
    </article>
  );
}
