/**
 * `/supplier/:slug/workflows`: the company's workflows with their recent runs, searchable and filtered by status and
 * trigger (in the URL), with a way to create one and to turn each on or off.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { can, type Role } from '../../shared/roles.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button, PlusIcon } from '../ui/button.tsx';
import { applyFilters, isFiltered, NO_FILTERS } from '../workflows/list-filters.ts';
import { useListFilters } from '../workflows/use-list-filters.ts';
import { WorkflowFilters } from '../workflows/workflow-filters.tsx';
import { CreateWorkflowDialog } from '../workflows/create-workflow-dialog.tsx';
import { WorkflowTable } from '../workflows/workflow-table.tsx';

export function WorkflowsPage({ slug }: { slug: string }) {
  // Keyed by slug: switching company starts from a clean page (closed dialog, fresh state).
  return <CompanyGate slug={slug}>{(company) => <CompanyWorkflows key={company.slug} company={company} />}</CompanyGate>;
}

function CompanyWorkflows({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.workflows.list.queryOptions({ companySlug: company.slug }));
  const [creating, setCreating] = useState(false);
  const mayEdit = can(company.role, 'edit_workflows');
  const newButton = <NewWorkflowButton role={company.role} onClick={() => setCreating(true)} />;
  // Alphabetical: toggling a workflow bumps its updatedAt, and rows must not jump away from the pointer.
  const all = list.data && [...list.data].sort((a, b) => a.name.localeCompare(b.name));
  const [filters, setFilters] = useListFilters();
  const workflows = all && applyFilters(all, filters);
  const filteredOut = all && all.length > 0 && isFiltered(filters);
  const noMatch = {
    title: 'No workflow matches',
    body: 'Try other words, or another status or trigger.',
    action: (
      <Button data-testid="workflow-filters-reset" onClick={() => setFilters(NO_FILTERS)}>
        Clear the filters
      </Button>
    ),
  };
  const noWorkflows = {
    title: 'No workflows yet',
    body: mayEdit ? 'Create the first one: give it a name, then add its steps in the editor.' : 'Nobody has created a workflow in this company yet.',
    action: newButton,
  };

  return (
    <section aria-labelledby="workflows-heading">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 id="workflows-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
            Workflows
          </h1>
          <p className="mt-1 text-zinc-500">
            Automations running for <span className="font-medium text-zinc-700">{company.name}</span>
          </p>
        </div>
        {list.data && list.data.length > 0 && newButton}
      </div>

      {all && all.length > 0 && <WorkflowFilters filters={filters} onChange={setFilters} shown={workflows?.length ?? 0} total={all.length} />}

      <WorkflowTable
        companySlug={company.slug}
        role={company.role}
        rows={workflows}
        loading="Loading workflows…"
        error={list.isError && { title: 'Could not load workflows', message: apiError(list.error).message, onRetry: () => void list.refetch() }}
        empty={filteredOut ? noMatch : noWorkflows}
      />

      {mayEdit && <CreateWorkflowDialog companySlug={company.slug} open={creating} onClose={() => setCreating(false)} />}
    </section>
  );
}

function NewWorkflowButton({ role, onClick }: { role: Role; onClick: () => void }) {
  const mayEdit = can(role, 'edit_workflows');
  return (
    <span title={mayEdit ? undefined : `Your role (${ROLE_LABELS[role]}) cannot create workflows`}>
      <Button variant="primary" onClick={onClick} disabled={!mayEdit} data-testid="new-workflow">
        <PlusIcon />
        New workflow
      </Button>
    </span>
  );
}
