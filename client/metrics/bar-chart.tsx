/**
 * A small accessible bar chart without a charting library: bars are buttons (click or Enter opens the runs
 * behind that point), each with its value in words for screen readers and on hover. Horizontal for categories
 * with long names (functions, workflows), vertical for distributions and months.
 */
import { FOCUS_RING } from '../ui/button.tsx';

export interface Bar {
  key: string;
  label: string;
  /** Bar length; several series stack side by side in a vertical chart. */
  values: number[];
  text: string;
  /** Also highlighted (e.g. the long tail). */
  tone?: 'tail';
}

const SERIES = ['#ea580c', '#2563eb', '#71717a'];

export function HorizontalBars({ bars, max, onPick, testId, picked }: { bars: Bar[]; max?: number; onPick: (key: string) => void; testId: string; picked: string | null }) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.values[0] ?? 0));
  return (
    <ul className="flex flex-col gap-1.5" data-testid={testId}>
      {bars.map((b) => (
        <li key={b.key}>
          <button
            type="button"
            onClick={() => onPick(b.key)}
            aria-pressed={picked === b.key}
            title={`${b.label}: ${b.text}`}
            data-testid={`${testId}-bar`}
            data-key={b.key}
            className={`group grid w-full grid-cols-[minmax(0,11rem)_1fr_auto] items-center gap-2 rounded px-1 py-0.5 text-left text-xs hover:bg-orange-50 ${picked === b.key ? 'bg-orange-50 ring-1 ring-orange-300' : ''} ${FOCUS_RING}`}
          >
            <span className="truncate text-zinc-700">{b.label}</span>
            <span className="h-3 rounded-sm bg-zinc-100">
              <span className="block h-3 rounded-sm" style={{ width: `${top > 0 ? Math.max(1, ((b.values[0] ?? 0) / top) * 100) : 0}%`, backgroundColor: SERIES[0] }} />
            </span>
            <span className="tabular-nums text-zinc-600">{b.text}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function VerticalBars({ bars, series, onPick, testId, picked }: { bars: Bar[]; series?: string[]; onPick: (key: string) => void; testId: string; picked: string | null }) {
  const top = Math.max(0, ...bars.flatMap((b) => b.values));
  return (
    <div data-testid={testId}>
      <div className="flex h-36 items-end gap-1 border-b border-zinc-200">
        {bars.map((b) => (
          <button
            key={b.key}
            type="button"
            onClick={() => onPick(b.key)}
            aria-pressed={picked === b.key}
            aria-label={`${b.label}: ${b.text}`}
            title={`${b.label}: ${b.text}`}
            data-testid={`${testId}-bar`}
            data-key={b.key}
            className={`flex h-full min-w-0 flex-1 items-end justify-center gap-px rounded-t hover:bg-orange-50 ${picked === b.key ? 'bg-orange-50 ring-1 ring-orange-300' : ''} ${FOCUS_RING}`}
          >
            {b.values.map((v, i) => (
              <span
                key={i}
                className="block w-full max-w-6 rounded-t-sm"
                style={{ height: `${top > 0 ? (v / top) * 100 : 0}%`, minHeight: v > 0 ? 2 : 0, backgroundColor: b.tone === 'tail' && i === 0 ? '#dc2626' : SERIES[i % SERIES.length] }}
              />
            ))}
          </button>
        ))}
      </div>
      <div className="mt-1 flex gap-1">
        {bars.map((b) => (
          <span key={b.key} className="min-w-0 flex-1 truncate text-center text-[10px] text-zinc-500" title={b.label}>
            {b.label}
          </span>
        ))}
      </div>
      {series && (
        <ul className="mt-2 flex gap-3 text-[11px] text-zinc-600" aria-label="Series">
          {series.map((s, i) => (
            <li key={s} className="flex items-center gap-1">
              <span className="size-2 rounded-sm" style={{ backgroundColor: SERIES[i % SERIES.length] }} aria-hidden="true" />
              {s}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
