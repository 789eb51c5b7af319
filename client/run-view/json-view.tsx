/** JSON as readable, selectable text in a bounded box; the box scrolls, so it takes focus (arrow keys scroll it). */
export function JsonView({ value, testId, empty = 'Nothing recorded', label = 'JSON' }: { value: unknown; testId?: string; empty?: string; label?: string }) {
  if (value === null || value === undefined) return <p className="text-xs text-zinc-400 italic">{empty}</p>;
  const text = JSON.stringify(value, null, 2);
  return (
    <pre
      data-testid={testId}
      tabIndex={0}
      aria-label={label}
      className="max-h-64 overflow-auto rounded-lg bg-zinc-50 px-3 py-2 font-mono text-[12px] leading-relaxed text-zinc-800 ring-1 ring-zinc-200 ring-inset focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none"
    >
      {text}
    </pre>
  );
}

/** A titled block of the side panel. */
export function Section({ title, children, aside, testId }: { title: string; children: React.ReactNode; aside?: React.ReactNode; testId?: string }) {
  return (
    <section className="border-t border-zinc-100 px-5 py-4 first:border-t-0" data-testid={testId}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Label/value rows. */
export function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500">{k}</dt>
          <dd className="min-w-0 truncate text-zinc-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
