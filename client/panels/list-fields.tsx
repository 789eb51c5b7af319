/** List fields: codes typed one per line, and a set of choices as checkboxes. */
import { useId, useState } from 'react';
import { describe, FieldChrome, MONO_CONTROL, testIds, type ControlProps } from './field-chrome.tsx';

/** Lines (or commas) to entries: trimmed, empties dropped. */
export function parseCodes(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function CodesControl({ spec, value, error, onChange, rowErrors }: ControlProps & { rowErrors: Record<string, string> }) {
  const id = useId();
  const joined = Array.isArray(value) ? value.map(String).join('\n') : '';
  const [text, setText] = useState(joined);
  // Follow the config when it changes elsewhere (undo, reload), but not while this box is the one typing.
  const [seen, setSeen] = useState(joined);
  if (joined !== seen) {
    setSeen(joined);
    setText(joined);
  }
  const entryError = Object.entries(rowErrors).find(([path]) => path.startsWith(`${spec.name}.`))?.[1];
  const shown = entryError ?? error;

  function change(next: string) {
    setText(next);
    const list = parseCodes(next);
    setSeen(list.join('\n'));
    onChange(spec.optional && list.length === 0 ? undefined : list);
  }

  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint="One per line" error={shown}>
      <textarea id={id} rows={3} spellCheck={false} value={text} onChange={(e) => change(e.target.value)} placeholder={'net_content\ningredients'} className={`${MONO_CONTROL} resize-y`} {...testIds(spec)} {...describe(id, shown, true)} />
    </FieldChrome>
  );
}

export function MultiEnumControl({ spec, value, error, onChange }: ControlProps) {
  const id = useId();
  const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
  const options = spec.options ?? [];

  function toggle(option: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(option);
    else next.delete(option);
    const list = options.filter((o) => next.has(o));
    onChange(spec.optional && list.length === 0 ? undefined : list);
  }

  return (
    <fieldset className="flex flex-col gap-1" data-testid={`field-${spec.name}`} data-field={spec.name} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-[13px] font-medium text-zinc-800">
        {spec.label}
        {spec.required && (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        )}
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1.5">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-1.5 text-sm text-zinc-700">
            <input type="checkbox" checked={chosen.has(o)} onChange={(e) => toggle(o, e.target.checked)} className="size-4 rounded border-zinc-300 accent-orange-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500" />
            {o.replace(/_/g, ' ')}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
