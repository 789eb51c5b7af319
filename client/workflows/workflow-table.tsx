/** Every workflow of a company as a table: what it is, what starts it, its size, its version, and whether it runs. */
import type { Role } from '../../shared/roles.ts';
import type { RouterOutputs } from '../trpc.ts';
import { WorkflowRow } from './workflow-row.tsx';

export type WorkflowSummary = RouterOutputs['workflows']['list'][number];

const TH = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase';

export function WorkflowTable({ companySlug, role, workflows }: { companySlug: string; role: Role; workflows: WorkflowSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
      <table className="w-full min-w-[60rem] table-fixed">
        <caption className="sr-only">Workflows</caption>
        <colgroup>
          <col />
          <col className="w-64" />
          <col className="w-20" />
          <col className="w-24" />
          <col className="w-28" />
          <col className="w-44" />
        </colgroup>
        <thead className="border-b border-zinc-200 bg-zinc-50/60">
          <tr>
            <th scope="col" className={TH}>
              Workflow
            </th>
            <th scope="col" className={TH}>
              Trigger
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Steps
            </th>
            <th scope="col" className={TH}>
              Version
            </th>
            <th scope="col" className={TH}>
              Updated
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Enabled
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {workflows.map((w) => (
            <WorkflowRow key={w.id} companySlug={companySlug} role={role} workflow={w} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
