/** Marks a run the demo seed made up (30 days of history), so nobody mistakes it for real work. */
export function DemoBadge() {
  return (
    <span
      title="Demo data: made up by the demo seed so metrics, heatmaps and replay have history to show"
      className="ml-1.5 inline-flex items-center rounded-md bg-violet-50 px-1.5 py-0.5 align-middle text-xs font-medium text-violet-700 ring-1 ring-violet-200 ring-inset"
      data-testid="demo-badge"
    >
      demo
    </span>
  );
}
