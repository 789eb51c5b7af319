/** Manual / Event / Schedule as a segmented radio group (arrow keys move between the options). */
import { useRef, type KeyboardEvent } from 'react';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';

type TriggerType = TriggerConfig['type'];

const TYPES = [
  { type: 'manual', label: 'Manual' },
  { type: 'event', label: 'Event' },
  { type: 'schedule', label: 'Schedule' },
] as const satisfies readonly { type: TriggerType; label: string }[];

export function TriggerTypePicker({ value, onChange }: { value: TriggerType; onChange: (type: TriggerType) => void }) {
  const group = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const i = TYPES.findIndex((t) => t.type === value);
    const next = TYPES[(i + step + TYPES.length) % TYPES.length]!;
    onChange(next.type);
    requestAnimationFrame(() => group.current?.querySelector<HTMLElement>(`[data-type="${next.type}"]`)?.focus());
  }

  return (
    <div className="flex flex-col gap-1">
      <span id="trigger-type-label" className="text-[13px] font-medium text-zinc-800">
        Starts
      </span>
      <div ref={group} role="radiogroup" aria-labelledby="trigger-type-label" onKeyDown={onKeyDown} className="grid grid-cols-3 gap-1 rounded-lg bg-zinc-100 p-1">
        {TYPES.map((t) => {
          const checked = t.type === value;
          return (
            <button
              key={t.type}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={checked ? 0 : -1}
              data-type={t.type}
              data-testid={`trigger-type-${t.type}`}
              onClick={() => onChange(t.type)}
              className={`rounded-md px-2 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-orange-500 ${checked ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900'}`}
            >
              {t.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}
