/** Tasks as a table: what, about which product, priority and status, who has it, when it is due. */
import { taskPath } from '../lib/paths.ts';
import { Link } from '../router.tsx';
import type { RouterOutputs } from '../trpc.ts';
import { DataTable, type TableStates } from '../ui/data-table.tsx';
import { DueTime } from './due-time.tsx';
import { PriorityBadge, TaskStatusBadge, taskTypeLabel } from './task-badges.tsx';

type Task = RouterOutputs['tasks']['list'][number];

export function TaskTable({ companySlug, ...list }: { companySlug: string } & TableStates<Task>) {
  return (
    <DataTable<Task>
      caption="Tasks"
      minWidth="min-w-[60rem]"
      rowKey={(t) => t.id}
      rowProps={(t) => ({ 'data-testid': 'task-row', 'data-task-id': t.id })}
      columns={[
        {
          header: 'Task',
          cell: (t) => (
            <>
              <Link to={taskPath(companySlug, t.id)} className="rounded-sm font-medium text-zinc-900 hover:text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500">
                {t.title}
              </Link>
              <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-zinc-500">
                <span>{taskTypeLabel(t.type)}</span>
                {t.product && <span className="font-mono">{t.product.sku}</span>}
                {t.retailer && <span>{t.retailer.name}</span>}
                {t.run?.workflowName && <span>{t.run.workflowName}</span>}
                {t.escalationLevel > 0 && <span className="font-medium text-red-700">Escalated ×{t.escalationLevel}</span>}
              </p>
            </>
          ),
        },
        { header: 'Priority', width: 'w-24', cell: (t) => <PriorityBadge priority={t.priority} /> },
        { header: 'Status', width: 'w-28', cell: (t) => <TaskStatusBadge status={t.status} /> },
        {
          header: 'Assignee',
          width: 'w-40',
          className: 'text-zinc-700',
          cell: (t) => t.assignee?.name ?? (t.assigneeRole ? <span className="text-zinc-500">Any {t.assigneeRole}</span> : <span className="text-zinc-400">Unassigned</span>),
        },
        { header: 'Due', width: 'w-36', className: 'whitespace-nowrap text-zinc-600', cell: (t) => (t.dueAt ? <DueTime value={t.dueAt} /> : <span className="text-zinc-400">—</span>) },
      ]}
      {...list}
    />
  );
}
