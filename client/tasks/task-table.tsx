/** Tasks as a table: what, about which product, priority and status, who has it, when it is due. */
import { taskPath } from '../lib/paths.ts';
import { Link } from '../router.tsx';
import type { RouterOutputs } from '../trpc.ts';
import { DueTime } from './due-time.tsx';
import { PriorityBadge, TaskStatusBadge, taskTypeLabel } from './task-badges.tsx';

type Task = RouterOutputs['tasks']['list'][number];
const TH = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase';

export function TaskTable({ companySlug, tasks }: { companySlug: string; tasks: Task[] }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
      <table className="w-full min-w-[60rem] table-fixed">
        <caption className="sr-only">Tasks</caption>
        <colgroup>
          <col />
          <col className="w-24" />
          <col className="w-28" />
          <col className="w-40" />
          <col className="w-36" />
        </colgroup>
        <thead className="border-b border-zinc-200 bg-zinc-50/60">
          <tr>
            <th scope="col" className={TH}>Task</th>
            <th scope="col" className={TH}>Priority</th>
            <th scope="col" className={TH}>Status</th>
            <th scope="col" className={TH}>Assignee</th>
            <th scope="col" className={TH}>Due</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {tasks.map((t) => (
            <tr key={t.id} data-testid="task-row" data-task-id={t.id} className="align-top transition-colors hover:bg-zinc-50/70">
              <td className="px-4 py-3">
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
              </td>
              <td className="px-4 py-3">
                <PriorityBadge priority={t.priority} />
              </td>
              <td className="px-4 py-3">
                <TaskStatusBadge status={t.status} />
              </td>
              <td className="px-4 py-3 text-zinc-700">{t.assignee?.name ?? (t.assigneeRole ? <span className="text-zinc-500">Any {t.assigneeRole}</span> : <span className="text-zinc-400">Unassigned</span>)}</td>
              <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
                {t.dueAt ? (
                  <DueTime value={t.dueAt} />
                ) : (
                  <span className="text-zinc-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
