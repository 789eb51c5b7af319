/** `/supplier/:slug/workflows/:id/runs/:runId`: loads the run and opens the live run view on it. */
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { workflowRunsPath } from '../runs/paths.ts';
import { RunView } from '../run-view/run-view.tsx';
import { useRunView } from '../run-view/use-run-view.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';

export function RunPage({ slug, workflowId, runId }: { slug: string; workflowId: string; runId: string }) {
  return <CompanyGate slug={slug}>{(company) => <RunLoader key={`${company.slug}/${runId}`} company={company} workflowId={workflowId} runId={runId} />}</CompanyGate>;
}

function RunLoader({ company, workflowId, runId }: { company: MyCompany; workflowId: string; runId: string }) {
  const { store, query, connection } = useRunView(company.slug, runId);
  if (query.isPending) return <LoadingState label="Opening the run…" />;
  if (query.isError) {
    const err = apiError(query.error);
    const missing = err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST';
    return (
      <div className="flex flex-col gap-6">
        <Link to={workflowRunsPath(company.slug, workflowId)} className="self-start font-medium text-zinc-600 hover:text-zinc-900">
          ← Back to the runs
        </Link>
        {missing ? <ErrorState title="Run not found" message="It may have been deleted with its workflow, or the link is wrong." /> : <ErrorState message={err.message} onRetry={() => void query.refetch()} />}
      </div>
    );
  }
  return <RunView companySlug={company.slug} role={company.role} run={query.data} store={store} connection={connection} />;
}
