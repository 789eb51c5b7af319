/**
 * Every step kind from the registry, grouped by category and searchable. Drag one onto the canvas, or click it
 * (or press Enter in the search box) to add it after the selected step.
 */
import { useId, useMemo, useState, type DragEvent } from 'react';
import { STEP_CATEGORIES } from '../../shared/steps/define-step.ts';
import { STEP_KINDS, STEP_REGISTRY, type StepKind } from '../../shared/steps/registry.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { kindStyle } from '../ui/kind-style.ts';
import { StepIcon } from '../ui/step-icon.tsx';
import { useEditor } from './store.ts';

/** The drag payload type: only our palette's drags are accepted by the canvas. */
export const PALETTE_MIME = 'application/x-ember-step-kind';

/** Kinds matching `query` (title, kind, category or description), in registry order. */
export function searchKinds(query: string): StepKind[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...STEP_KINDS];
  return STEP_KINDS.filter((kind) => {
    const d = STEP_REGISTRY[kind];
    return [d.title, kind.replace('_', ' '), d.category, d.description].some((text) => text.toLowerCase().includes(q));
  });
}

export function Palette({ onInsert }: { onInsert: (kind: StepKind) => void }) {
  const [query, setQuery] = useState('');
  const hasTrigger = useEditor((s) => s.graph.steps.some((st) => st.type === 'trigger'));
  const kinds = useMemo(() => searchKinds(query), [query]);
  const searchId = useId();
  const usable = (kind: StepKind) => kind !== 'trigger' || !hasTrigger;

  return (
    <aside data-testid="palette" aria-label="Steps" className="flex w-64 shrink-0 flex-col border-r border-zinc-200 bg-white">
      <div className="border-b border-zinc-100 p-3">
        <label htmlFor={searchId} className="sr-only">
          Search steps
        </label>
        <input
          id={searchId}
          type="search"
          data-testid="palette-search"
          placeholder="Search steps…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            const first = kinds.find(usable);
            if (e.key === 'Enter' && first) onInsert(first);
          }}
          className="block w-full rounded-md border-0 bg-zinc-50 px-3 py-2 text-zinc-900 ring-1 ring-zinc-200 ring-inset placeholder:text-zinc-400 focus:bg-white focus:ring-2 focus:ring-orange-500 focus:outline-none"
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 py-2">
        {kinds.length === 0 && <p className="px-2 py-6 text-center text-zinc-500">No step matches “{query}”.</p>}
        {STEP_CATEGORIES.map((category) => {
          const items = kinds.filter((k) => STEP_REGISTRY[k].category === category);
          if (!items.length) return null;
          return (
            <section key={category} aria-label={category} className="mb-2">
              <h3 className="px-2 pt-2 pb-1 text-[11px] font-semibold tracking-wider text-zinc-400 uppercase">{category}</h3>
              <ul className="flex flex-col gap-0.5">
                {items.map((kind) => (
                  <li key={kind}>
                    <PaletteItem kind={kind} disabled={!usable(kind)} onInsert={onInsert} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <p className="border-t border-zinc-100 px-4 py-3 text-xs text-zinc-500">Drag onto the canvas, or click to add after the selected step.</p>
    </aside>
  );
}

function PaletteItem({ kind, disabled, onInsert }: { kind: StepKind; disabled: boolean; onInsert: (kind: StepKind) => void }) {
  const def = STEP_REGISTRY[kind];
  function onDragStart(e: DragEvent) {
    e.dataTransfer.setData(PALETTE_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  }
  return (
    <button
      type="button"
      data-testid={`palette-item-${kind}`}
      draggable={!disabled}
      onDragStart={onDragStart}
      onClick={() => onInsert(kind)}
      disabled={disabled}
      aria-label={`Add ${def.title}`}
      title={disabled ? 'This workflow already has its trigger: there is exactly one' : def.description}
      className={`group flex w-full items-start gap-2.5 rounded-lg px-2 py-2 text-left transition-colors hover:bg-zinc-50 active:cursor-grabbing enabled:cursor-grab disabled:cursor-not-allowed disabled:opacity-45 ${FOCUS_RING}`}
    >
      <span aria-hidden="true" className={`mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md ring-1 ring-inset ${kindStyle(kind).tile}`}>
        <StepIcon kind={kind} />
      </span>
      <span className="min-w-0">
        <span className="block font-medium text-zinc-800">{def.title}</span>
        <span className="line-clamp-2 text-xs leading-snug text-zinc-500">{def.description}</span>
      </span>
    </button>
  );
}
