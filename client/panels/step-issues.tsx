/** A step's issues that belong to no single field (unreachable, missing branch, cycle…), above its form. */
import { useEditor } from '../canvas/store.ts';

export function StepIssues({ stepId }: { stepId: string }) {
  const issues = useEditor((s) => s.issues.byStep.get(stepId));
  const general = issues?.filter((i) => !i.field) ?? [];
  if (!general.length) return null;
  return (
    <ul className="flex flex-col gap-1.5 rounded-lg bg-red-50 px-3 py-2.5 ring-1 ring-red-200 ring-inset" data-testid="step-issues">
      {general.map((i) => (
        <li key={`${i.code}:${i.message}`} className="flex gap-2 text-xs text-red-800">
          <span aria-hidden="true" className="font-bold">
            !
          </span>
          {i.message}
        </li>
      ))}
    </ul>
  );
}
