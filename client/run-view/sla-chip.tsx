/** Time left to decide an approval, coloured as it nears and passes its deadline. */
import { Timer } from 'lucide-react';
import { describeDeadline } from '../runs/format.ts';
import { useNow } from '../runs/use-now.ts';

export function SlaChip({ dueAt, testId }: { dueAt: string | null; testId?: string }) {
  const now = useNow(30_000, Boolean(dueAt));
  if (!dueAt) return <span className="text-xs text-zinc-400">No deadline</span>;
  const d = describeDeadline(dueAt, now);
  const tone = d.overdue ? 'bg-red-50 text-red-700 ring-red-200' : d.soon ? 'bg-amber-50 text-amber-800 ring-amber-200' : 'bg-zinc-50 text-zinc-700 ring-zinc-200';
  return (
    <span data-testid={testId} title={`SLA: decide by ${new Date(dueAt).toLocaleString()}`} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`}>
      <Timer aria-hidden="true" className="size-3.5" />
      {d.text}
    </span>
  );
}
