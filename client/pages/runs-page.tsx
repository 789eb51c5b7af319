/**
 * `/supplier/:slug/runs` and `/supplier/:slug/workflows/:id/runs`: runs across the company or of one workflow,
 * newest first, kept current by the live feed. Filters by status, workflow and time; "Run now" with a payload.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { RUN_STATUSES, RUN_STATUS_LABEL, type RunStatus } from '../../shared/runs/status.ts';
import { can } from '../../shared/roles.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { LiveIndicator } from '../live/live-indicator.tsx';
import { Link } from '../router.tsx';
import { editorPath, runsPath } from '../runs/paths.ts';
import { RunNowButton, RunNowDialog } from '../runs/run-now-dialog.tsx';
import { RunsTable } from '../runs/runs-table.tsx';
import { useRunsLive } from '../runs/use-runs-live.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';

const TIME_RANGES = [
  { id: 'any', label: 'Any time', ms: null },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
type TimeRange = (typeof TIME_RANGES)[number]['id'];
const PAGE = 50;

export function RunsPage({ slug, workflowId }: { slug: string; workflowId?: string }) {
  return <CompanyGate slug={slug}>{(company) => <Runs key={`${company.slug}/${workflowId ?? ''}`} company={company} fixedWorkflowId={workflowId} />}</CompanyGate>;
}

function Runs({ company, fixedWorkflowId }: { company: MyCompany; fixedWorkflowId: string | undefined }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [workflow, setWorkflow] = useState('');
  const [range, setRange] = useState<TimeRange>('any');
  const [limit, setLimit] = useState(PAGE);
  const [running, setRunning] = useState(false);
  const workflowId = fixedWorkflowId ?? (workflow || undefined);
  // The time window is fixed when chosen, so the query key stays put while the page is open.
  const after = useMemo(() => {
    const ms = TIME_RANGES.find((r) => r.id === range)?.ms;
    return ms ? new Date(Date.now() - ms) : undefined;
  }, [range]);
  const input = { companySlug: company.slug, limit, ...(status ? { status } : {}), ...(workflowId ? { workflowId } : {}), ...(after ? { after } : {}) };
  // Fresh on every visit: the live feed keeps it current only while the page is open.
  const runs = useQuery({ ...trpc.runs.list.queryOptions(input), placeholderData: (prev) => prev, staleTime: 0 });
  const workflows = useQuery(trpc.workflows.list.queryOptions({ companySlug: company.slug }));
  const live = useRunsLive(company.slug);
  const canRun = can(company.role, 'run_workflows');
  const fixed = fixedWorkflowId ? workflows.data?.find((w) => w.id === fixedWorkflowId) : undefined;
  const filtered = Boolean(status || workflow || range !== 'any');

  return (
    <section aria-labelledby="runs-heading" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          {fixedWorkflowId && (
            <Link to={runsPath(company.slug)} className="text-sm font-medium text-zinc-500 hover:text-zinc-900">
              ← All runs
            </Link>
          )}
          <h1 id="runs-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
            {fixedWorkflowId ? (fixed?.name ?? 'Workflow') : 'Runs'}
            {fixedWorkflowId && <span className="font-normal text-zinc-400"> · runs</span>}
          </h1>
          <p className="mt-1 flex items-center gap-2 text-zinc-500">
            {fixedWorkflowId ? (
              <Link to={editorPath(company.slug, fixedWorkflowId)} className="font-medium text-orange-700 hover:underline">
                Open in the editor
              </Link>
            ) : (
              <span>
                Every workflow run at <span className="font-medium text-zinc-700">{company.name}</span>
              </span>
            )}
            <LiveIndicator state={live} />
          </p>
        </div>
        {canRun && (
          <RunNowButton variant="primary" data-testid="runs-run-now" onClick={() => setRunning(true)} disabled={!workflows.data?.some((w) => w.publishedVersion != null && (!fixedWorkflowId || w.id === fixedWorkflowId))} />
        )}
      </div>

      <div role="group" aria-label="Filter runs" className="flex flex-wrap items-center gap-3">
        <Select label="Status" testId="filter-status" value={status} onChange={(v) => setStatus(v as RunStatus | '')} options={[['', 'All statuses'], ...RUN_STATUSES.map((s) => [s, RUN_STATUS_LABEL[s]] as [string, string])]} />
        {!fixedWorkflowId && (
          <Select label="Workflow" testId="filter-workflow" value={workflow} onChange={setWorkflow} options={[['', 'All workflows'], ...(workflows.data ?? []).map((w) => [w.id, w.name] as [string, string])]} />
        )}
        <Select label="Time" testId="filter-time" value={range} onChange={(v) => setRange(v as TimeRange)} options={TIME_RANGES.map((r) => [r.id, r.label] as [string, string])} />
        {filtered && (
          <Button variant="ghost" onClick={() => (setStatus(''), setWorkflow(''), setRange('any'))}>
            Clear filters
          </Button>
        )}
      </div>

      <RunsTable
        companySlug={company.slug}
        showWorkflow={!fixedWorkflowId}
        canRun={canRun}
        rows={runs.data}
        loading="Loading runs…"
        error={runs.isError && { title: 'Could not load runs', message: apiError(runs.error).message, onRetry: () => void runs.refetch() }}
        empty={{
          title: filtered ? 'No runs match these filters' : 'No runs yet',
          body: filtered ? 'Try another status or a wider time range.' : canRun ? 'Start one with “Run now”, or wait for a trigger to fire.' : 'Runs appear here when a trigger fires or someone starts one.',
        }}
        footer={
          runs.data &&
          runs.data.length >= limit &&
          limit < 200 && (
            <Button className="self-center" onClick={() => setLimit((l) => Math.min(200, l + PAGE))}>
              Show more
            </Button>
          )
        }
      />
      {canRun && workflows.data && (
        <RunNowDialog open={running} onClose={() => setRunning(false)} companySlug={company.slug} workflows={workflows.data} fixedWorkflowId={fixedWorkflowId} afterStart="open-run" />
      )}
    </section>
  );
}

function Select({ label, value, onChange, options, testId }: { label: string; value: string; onChange: (v: string) => void; options: [string, string][]; testId: string }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="font-medium text-zinc-600">{label}</span>
      <select
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="max-w-56 rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none"
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
