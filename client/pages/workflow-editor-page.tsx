/** `/supplier/:slug/workflows/:id`: loads the workflow, then opens the canvas editor on it. */
import { useQuery } from '@tanstack/react-query';
import { WorkflowEditor } from '../editor/workflow-editor.tsx';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';

export function WorkflowEditorPage({ slug, id }: { slug: string; id: string }) {
  return <CompanyGate slug={slug}>{(company) => <EditorLoader key={`${company.slug}/${id}`} company={company} id={id} />}</CompanyGate>;
}

function EditorLoader({ company, id }: { company: MyCompany; id: string }) {
  const trpc = useTRPC();
  const wf = useQuery({
    ...trpc.workflows.get.queryOptions({ companySlug: company.slug, id }),
    // The editor owns the draft once open: read it fresh on every visit, and never refetch it underneath.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  if (wf.isPending) return <LoadingState label="Opening the editor…" />;
  if (wf.isError) {
    const err = apiError(wf.error);
    // A malformed id is as missing as an unknown one.
    const missing = err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST';
    return (
      <div className="flex flex-col gap-6">
        <Link to={workflowsPath(company.slug)} className="self-start rounded-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-orange-500">
          ← Back to workflows
        </Link>
        {missing ? <ErrorState title="Workflow not found" message="It may have been deleted, or the link is wrong." /> : <ErrorState message={err.message} onRetry={() => void wf.refetch()} />}
      </div>
    );
  }
  return <WorkflowEditor detail={wf.data} companySlug={company.slug} role={company.role} />;
}
