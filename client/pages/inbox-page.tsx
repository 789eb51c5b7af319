/**
 * `/supplier/:slug/inbox`: every approval waiting on the signed-in approver (assigned to them or their role),
 * oldest first, with its SLA; the chosen one opens beside the list with its instructions, the run's data so far,
 * and Approve / Reject. The list follows the live feed: new gates appear, decided and cancelled ones leave.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { InboxList, type InboxGate } from '../inbox/inbox-list.tsx';
import { OutOfOffice } from '../gates/out-of-office.tsx';
import { can } from '../../shared/roles.ts';
import { apiError } from '../lib/api-errors.ts';
import { LiveIndicator } from '../live/live-indicator.tsx';
import { Link } from '../router.tsx';
import { runPath } from '../runs/paths.ts';
import { useRunsLive } from '../runs/use-runs-live.ts';
import { GateDecision } from '../run-view/gate-decision.tsx';
import { useTRPC } from '../trpc.ts';
import { EmptyState, ErrorState, LoadingState, Skeleton } from '../ui/states.tsx';

export function InboxPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <Inbox key={company.slug} company={company} />}</CompanyGate>;
}

type Pick = { taskId: string; runId: string; workflowId: string };

function Inbox({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const gates = useQuery({ ...trpc.gates.list.queryOptions({ companySlug: company.slug }), staleTime: 0 });
  const live = useRunsLive(company.slug);
  const [picked, setPicked] = useState<Pick | null>(null);
  const [flash, setFlash] = useState<{ text: string; tone: 'ok' | 'no'; to: string } | null>(null);
  const first = gates.data?.[0];
  const current: Pick | null = picked ?? (first ? { taskId: first.id, runId: first.run_id, workflowId: first.workflow_id } : null);
  const select = (g: InboxGate) => {
    setFlash(null);
    setPicked({ taskId: g.id, runId: g.run_id, workflowId: g.workflow_id });
  };

  return (
    <section aria-labelledby="inbox-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="inbox-heading" className="flex items-center gap-3 text-2xl font-semibold tracking-tight text-zinc-900">
          Approvals
          {gates.data && gates.data.length > 0 && <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-800 tabular-nums">{gates.data.length} waiting</span>}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-zinc-500">
          Every approval waiting on you or your role at <span className="font-medium text-zinc-700">{company.name}</span>, oldest first.
          <LiveIndicator state={live} />
        </p>
      </div>
      {/* Only deciders hand over or stand in (gates.delegate and its reads ask for resolve_gates). */}
      {can(company.role, 'resolve_gates') && <OutOfOffice companySlug={company.slug} />}
      {flash && (
        <p role="status" data-testid="inbox-flash" className={`flex items-center justify-between gap-3 rounded-lg px-4 py-2.5 text-sm font-medium ring-1 ring-inset ${flash.tone === 'ok' ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-rose-50 text-rose-900 ring-rose-200'}`}>
          {flash.text}
          <Link to={flash.to} className="shrink-0 underline underline-offset-2">
            Watch the run
          </Link>
        </p>
      )}
      {gates.isPending && (
        <LoadingState label="Loading approvals…">
          <div className="flex flex-col gap-2">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-20 w-full max-w-md rounded-xl" />
            ))}
          </div>
        </LoadingState>
      )}
      {gates.isError && <ErrorState title="Could not load approvals" message={apiError(gates.error).message} onRetry={() => void gates.refetch()} />}
      {gates.data?.length === 0 && !current && (
        <EmptyState title="Nothing is waiting on you">When a run reaches an approval assigned to you or your role, it appears here, and the run waits until someone decides.</EmptyState>
      )}
      {current && (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
          <div className="flex flex-col gap-2">
            {gates.data && gates.data.length > 0 ? (
              <InboxList gates={gates.data} selected={current.taskId} onSelect={select} />
            ) : (
              <p className="rounded-xl border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-500">All caught up: nothing else is waiting on you.</p>
            )}
          </div>
          <GatePane
            key={current.taskId}
            companySlug={company.slug}
            pick={current}
            onDecided={(decision, title) =>
              setFlash({ text: `${decision === 'approved' ? '✓ Approved' : '✕ Rejected'} “${title}”. The run continues.`, tone: decision === 'approved' ? 'ok' : 'no', to: runPath(company.slug, current.workflowId, current.runId) })
            }
          />
        </div>
      )}
    </section>
  );
}

function GatePane({ companySlug, pick, onDecided }: { companySlug: string; pick: Pick; onDecided: (decision: string, title: string) => void }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.runs.get.queryOptions({ companySlug, id: pick.runId }));
  if (run.isPending) return <LoadingState label="Loading the run…" />;
  if (run.isError) return <ErrorState message={apiError(run.error).message} onRetry={() => void run.refetch()} />;
  const gate = run.data.gates.find((g) => g.taskId === pick.taskId);
  if (!gate) return <ErrorState title="Approval not found" message="It may have been removed with its run." />;
  return (
    <article className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5" data-testid="inbox-detail">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div className="min-w-0">
          <h2 className="truncate text-lg font-semibold text-zinc-900">{gate.title}</h2>
          <p className="text-sm text-zinc-500">
            {run.data.workflow.name} · v{run.data.version.version}
            {run.data.startedByName ? ` · started by ${run.data.startedByName}` : ''}
          </p>
        </div>
        <Link to={runPath(companySlug, pick.workflowId, pick.runId)} data-testid="inbox-open-run" className="shrink-0 rounded-md px-2.5 py-1.5 text-sm font-medium text-orange-700 ring-1 ring-orange-200 ring-inset hover:bg-orange-50">
          Open the run →
        </Link>
      </header>
      <div className="px-5 py-4">
        <GateDecision companySlug={companySlug} run={run.data} gate={gate} onDecided={(d) => onDecided(d, gate.title)} />
      </div>
    </article>
  );
}
