/** `/supplier/:slug/tasks/:id`: one task with what it is about, its activity, and what can be done about it. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { can } from '../../shared/roles.ts';
import { ACTIVE_TASK_STATUSES } from '../../shared/tasks/vocab.ts';
import { DecisionPanel } from '../gates/decision-panel.tsx';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { useMe } from '../session.ts';
import { apiError } from '../lib/api-errors.ts';
import { productPath, tasksPath } from '../lib/paths.ts';
import { suggestionsPath } from '../suggestions/paths.ts';
import { Link } from '../router.tsx';
import { DueTime } from '../tasks/due-time.tsx';
import { TaskActions } from '../tasks/task-actions.tsx';
import { TaskActivity } from '../tasks/task-activity.tsx';
import { PriorityBadge, TaskStatusBadge, taskTypeLabel } from '../tasks/task-badges.tsx';
import { useTRPC } from '../trpc.ts';
import { RelativeTime } from '../ui/relative-time.tsx';
import { ErrorState, LoadingState, NotFoundState } from '../ui/states.tsx';

export function TaskPage({ slug, id }: { slug: string; id: string }) {
  return <CompanyGate slug={slug}>{(company) => <Task key={`${company.slug}/${id}`} company={company} id={id} />}</CompanyGate>;
}

function Task({ company, id }: { company: MyCompany; id: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const task = useQuery(trpc.tasks.get.queryOptions({ companySlug: company.slug, id }));
  if (task.isPending) return <LoadingState label="Loading the task…" />;
  if (task.isError) {
    const err = apiError(task.error);
    if (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST') {
      return <NotFoundState title="Task not found" message="It may have been merged or removed, or the link is wrong." back={{ to: tasksPath(company.slug), label: 'Back to tasks' }} />;
    }
    return <ErrorState title="Could not load the task" message={err.message} onRetry={() => void task.refetch()} />;
  }
  const t = task.data;
  const myId = me.data?.user?.id;
  const active = (ACTIVE_TASK_STATUSES as readonly string[]).includes(t.status);
  const mine = !t.assignee || t.assignee.id === myId || company.role === 'admin';
  const mayWork = can(company.role, 'work_tasks') && active && mine;
  const gate = t.type === 'human_gate';

  return (
    <article aria-labelledby="task-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link to={tasksPath(company.slug)} className="text-zinc-500 hover:text-orange-700 hover:underline">
          ← Tasks
        </Link>
      </nav>
      <header className="mb-6">
        <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{taskTypeLabel(t.type)}</p>
        <h1 id="task-title" data-testid="task-title" className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900">
          {t.title}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <TaskStatusBadge status={t.status} />
          <PriorityBadge priority={t.priority} />
          {t.escalationLevel > 0 && <span className="text-xs font-medium text-red-700">Escalated to level {t.escalationLevel}</span>}
        </div>
      </header>
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          {t.description && <p className="whitespace-pre-line text-zinc-800">{t.description}</p>}
          {t.type === 'enrichment_review' && (
            <Link to={suggestionsPath(company.slug, typeof t.raw?.jobId === 'string' ? t.raw.jobId : null)} className="inline-flex w-fit items-center gap-1 rounded-md bg-orange-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-orange-700" data-testid="task-review-suggestions">
              Review the suggestions →
            </Link>
          )}
          {gate ? (
            <Section title="Decision" id="decision-heading">
              <DecisionPanel
                companySlug={company.slug}
                taskId={t.id}
                mayDecide={can(company.role, 'resolve_gates')}
                decided={t.decision ? { decision: t.decision, comment: t.comment, decidedByName: t.decidedByName } : t.status === 'cancelled' ? { decision: 'closed', comment: null, decidedByName: null } : null}
              />
            </Section>
          ) : (
            (mayWork || (active && can(company.role, 'work_tasks'))) && (
              <Section title="Work on it" id="work-heading">
                {mayWork ? (
                  <TaskActions companySlug={company.slug} taskId={t.id} canClaim={t.status !== 'in_progress' || t.assignee?.id !== myId} canComplete />
                ) : (
                  <p className="text-zinc-500">This task is {t.assignee ? `with ${t.assignee.name}` : 'unassigned'}; an admin can take it over.</p>
                )}
              </Section>
            )
          )}
          {t.mergedIntoId && (
            <p className="rounded-md bg-zinc-100 px-3 py-2 text-zinc-700">
              Merged into{' '}
              <Link to={`${tasksPath(company.slug)}/${t.mergedIntoId}`} className="font-medium text-orange-700 hover:underline">
                the open task about the same problem
              </Link>
              .
            </p>
          )}
          <Section title="Activity" id="activity-heading">
            <TaskActivity activity={t.activity} />
          </Section>
          {t.raw && (
            <details className="rounded-lg bg-white px-4 py-3 shadow-xs ring-1 ring-zinc-900/5">
              <summary className="cursor-pointer font-medium text-zinc-800">Original report</summary>
              <pre className="mt-2 overflow-x-auto text-xs text-zinc-700">{JSON.stringify(t.raw, null, 2)}</pre>
            </details>
          )}
        </div>
        <aside>
          <dl className="flex flex-col gap-3 rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-900/5" data-testid="task-details">
            <Detail label="Assignee">{t.assignee?.name ?? (t.assigneeRole ? `Any ${t.assigneeRole}` : 'Unassigned')}</Detail>
            <Detail label="Due">{t.dueAt ? <DueTime value={t.dueAt} /> : '—'}</Detail>
            {t.product && (
              <Detail label="Product">
                <Link to={productPath(company.slug, t.product.id)} className="font-mono text-orange-700 hover:underline">
                  {t.product.sku}
                </Link>
              </Detail>
            )}
            {t.retailer && <Detail label="Retailer">{t.retailer.name}</Detail>}
            {t.category && <Detail label="Category">{t.category.replaceAll('_', ' ')}</Detail>}
            {t.run && <Detail label="Workflow">{t.run.workflowName ?? t.run.id}</Detail>}
            <Detail label="Created">
              <RelativeTime value={t.createdAt} />
            </Detail>
            {t.resolvedAt && (
              <Detail label="Closed">
                <RelativeTime value={t.resolvedAt} />
              </Detail>
            )}
          </dl>
        </aside>
      </div>
    </article>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-base font-semibold text-zinc-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="text-zinc-900">{children}</dd>
    </div>
  );
}
