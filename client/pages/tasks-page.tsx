/** `/supplier/:slug/tasks`: the work queue — mine, my role's or everyone's — most urgent first. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { TaskTable } from '../tasks/task-table.tsx';
import { useTRPC } from '../trpc.ts';
import { SelectField } from '../ui/select-field.tsx';

type Scope = 'mine' | 'role' | 'all';
type State = 'active' | 'closed' | 'all';

export function TasksPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <CompanyTasks key={company.slug} company={company} />}</CompanyGate>;
}

function CompanyTasks({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const [scope, setScope] = useState<Scope>('mine');
  const [state, setState] = useState<State>('active');
  const tasks = useQuery({ ...trpc.tasks.list.queryOptions({ companySlug: company.slug, scope, state }), placeholderData: keepPreviousData, refetchInterval: 15_000 });
  const scopes: { value: Scope; label: string }[] = [
    { value: 'mine', label: 'Mine' },
    { value: 'role', label: `${ROLE_LABELS[company.role]} role` },
    { value: 'all', label: 'All' },
  ];

  return (
    <section aria-labelledby="tasks-heading">
      <div className="mb-6">
        <h1 id="tasks-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
          Tasks
        </h1>
        <p className="mt-1 text-zinc-500">
          Exceptions and approvals routed to people at <span className="font-medium text-zinc-700">{company.name}</span>
        </p>
      </div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <ScopeTabs value={scope} options={scopes} onChange={setScope} />
        <SelectField
          label="Show"
          className="w-48"
          data-testid="task-state-filter"
          value={state}
          onChange={(e) => setState(e.target.value as State)}
          options={[
            { value: 'active', label: 'Open work' },
            { value: 'closed', label: 'Done and closed' },
            { value: 'all', label: 'Everything' },
          ]}
        />
      </div>
      <div role="tabpanel" id="tasks-panel" aria-labelledby={`tasks-tab-${scope}`}>
        <TaskTable
          companySlug={company.slug}
          rows={tasks.data}
          loading="Loading tasks…"
          error={tasks.isError && { title: 'Could not load tasks', message: apiError(tasks.error).message, onRetry: () => void tasks.refetch() }}
          empty={{ title: scope === 'mine' ? 'Nothing on your plate' : 'No tasks here', body: state === 'active' ? 'No open work in this view.' : 'Nothing matches this view.' }}
        />
      </div>
    </section>
  );
}

/** A tablist whose arrow keys move between the scopes (WAI-ARIA tabs, activation follows focus). */
function ScopeTabs({ value, options, onChange }: { value: Scope; options: { value: Scope; label: string }[]; onChange: (s: Scope) => void }) {
  const list = useRef<HTMLDivElement>(null);
  function onKeyDown(e: KeyboardEvent) {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = options[(options.findIndex((o) => o.value === value) + step + options.length) % options.length]!;
    onChange(next.value);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-scope="${next.value}"]`)?.focus());
  }
  return (
    <div ref={list} role="tablist" aria-label="Whose tasks" onKeyDown={onKeyDown} className="inline-flex gap-1 rounded-lg bg-zinc-100 p-1">
      {options.map((o) => {
        const selected = o.value === value;
        return (
          <button
            key={o.value}
            id={`tasks-tab-${o.value}`}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls="tasks-panel"
            tabIndex={selected ? 0 : -1}
            data-scope={o.value}
            data-testid={`task-scope-${o.value}`}
            onClick={() => onChange(o.value)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-orange-500 ${selected ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900'}`}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
