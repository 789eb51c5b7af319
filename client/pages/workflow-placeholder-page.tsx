/** `/supplier/:slug/workflows/:id`: stands in for the editor until it exists. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { CompanyGate } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';

export function WorkflowPlaceholderPage({ slug, id }: { slug: string; id: string }) {
  return (
    <div className="flex flex-col gap-6">
      <Link to={workflowsPath(slug)} className="self-start rounded-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-orange-500">
        ← Back to workflows
      </Link>
      <CompanyGate slug={slug}>{() => <WorkflowSummary slug={slug} id={id} />}</CompanyGate>
    </div>
  );
}

function WorkflowSummary({ slug, id }: { slug: string; id: string }) {
  const trpc = useTRPC();
  const wf = useQuery(trpc.workflows.get.queryOptions({ companySlug: slug, id }));
  if (wf.isPending) return <LoadingState />;
  if (wf.isError) {
    const err = apiError(wf.error);
    // A malformed id is as missing as an unknown one.
    const missing = err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST';
    return missing ? <ErrorState title="Workflow not found" message="It may have been deleted, or the link is wrong." /> : <ErrorState message={err.message} onRetry={() => void wf.refetch()} />;
  }
  const steps = wf.data.graph.steps.length;
  return (
    <section aria-labelledby="workflow-heading" className="rounded-xl bg-white p-6 shadow-xs ring-1 ring-zinc-900/5">
      <h1 id="workflow-heading" data-testid="workflow-name" className="text-2xl font-semibold tracking-tight text-zinc-900">
        {wf.data.name}
      </h1>
      {wf.data.description && <p className="mt-1 text-zinc-500">{wf.data.description}</p>}
      <dl className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact label="Steps">
          <span data-testid="workflow-step-count">{steps}</span>
        </Fact>
        <Fact label="Published">{wf.data.published ? `v${wf.data.published.version}` : 'Not yet'}</Fact>
        <Fact label="Status">{wf.data.isEnabled ? 'Enabled' : 'Disabled'}</Fact>
        <Fact label="Updated">
          <RelativeTime value={wf.data.updatedAt} />
        </Fact>
      </dl>
      <p className="mt-6 rounded-lg bg-zinc-50 px-4 py-3 text-zinc-600 ring-1 ring-zinc-200 ring-inset">The visual editor is coming soon. For now this page shows the workflow’s summary.</p>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-base font-medium text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}
