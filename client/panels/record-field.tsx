/**
 * A record (headers, event data, transform fields) as editable key/value rows. Rows live locally while being
 * typed: a row without a key, or with a key another row has, is not written to the config until it is fixed.
 */
import { useId, useState } from 'react';
import { FOCUS_RING } from '../ui/button.tsx';
import { useCelContext } from '../cel/use-cel-context.ts';
import { CelInput, celProblem } from './cel-field.tsx';
import { CONTROL_BASE, type ControlProps } from './field-chrome.tsx';

type Row = [key: string, value: string];

function toRows(value: unknown): Row[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

/** The rows as an object, or the reason they cannot be one yet. Rows with no key are left out. */
export function rowsToRecord(rows: Row[]): { record: Record<string, string> } | { duplicate: string } {
  const record: Record<string, string> = {};
  for (const [k, v] of rows) {
    const key = k.trim();
    if (!key) continue;
    if (Object.hasOwn(record, key)) return { duplicate: key };
    record[key] = v;
  }
  return { record };
}

export function RecordControl({ spec, value, error, onChange, rowErrors }: ControlProps & { rowErrors: Record<string, string> }) {
  const id = useId();
  const serialized = JSON.stringify(value ?? {});
  const [rows, setRows] = useState<Row[]>(() => toRows(value));
  // Derived-state reset: when the config changes from outside (undo, reload), the rows follow it.
  const [seen, setSeen] = useState(serialized);
  if (serialized !== seen) {
    setSeen(serialized);
    setRows(toRows(value));
  }
  const verdict = rowsToRecord(rows);
  const cel = spec.valueWidget === 'cel';

  function update(next: Row[]) {
    setRows(next);
    const r = rowsToRecord(next);
    if ('record' in r) {
      setSeen(JSON.stringify(r.record));
      onChange(r.record);
    }
  }

  const celContext = useCelContext();
  const rowError = (key: string, v: string) => (cel ? celProblem(v, celContext) : null) ?? rowErrors[`${spec.name}.${key.trim()}`];
  const problem = 'duplicate' in verdict ? `Two rows use the name "${verdict.duplicate}"` : error && !Object.keys(rowErrors).some((p) => p.startsWith(`${spec.name}.`)) ? error : undefined;

  return (
    <fieldset className="flex flex-col gap-1.5" data-testid={`field-${spec.name}`} data-field={spec.name} aria-describedby={problem ? `${id}-error` : undefined}>
      <legend className="mb-1 text-[13px] font-medium text-zinc-800">
        {spec.label}
        {spec.required && <span aria-hidden="true" className="ml-0.5 text-red-600">*</span>}
      </legend>
      {rows.length === 0 && <p className="text-xs text-zinc-500">None yet.</p>}
      {rows.map(([k, v], i) => {
        const rowProblem = k.trim() ? rowError(k, v) : undefined;
        return (
          <div key={i} className="flex flex-col gap-0.5">
            <div className="flex items-center gap-1.5">
              <input
                value={k}
                onChange={(e) => update(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
                aria-label={`${spec.label}: name of row ${i + 1}`}
                placeholder="name"
                spellCheck={false}
                className={`${CONTROL_BASE} w-2/5 shrink-0 font-mono text-[13px]`}
                data-testid={`field-${spec.name}-key-${i}`}
              />
              {cel ? (
                <CelInput value={v} label={`${spec.label}: ${k || `row ${i + 1}`}`} invalid={!!rowProblem} testId={`field-${spec.name}-value-${i}`} onChange={(val) => update(rows.map((r, j) => (j === i ? [r[0], val] : r)))} />
              ) : (
                <input
                  value={v}
                  onChange={(e) => update(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
                  aria-label={`${spec.label}: ${k || `row ${i + 1}`}`}
                  aria-invalid={!!rowProblem || undefined}
                  placeholder="value"
                  className={`${CONTROL_BASE} min-w-0 flex-1 text-sm`}
                  data-testid={`field-${spec.name}-value-${i}`}
                />
              )}
              <button type="button" aria-label={`Remove ${k || `row ${i + 1}`}`} onClick={() => update(rows.filter((_, j) => j !== i))} className={`flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-400 hover:bg-red-50 hover:text-red-600 ${FOCUS_RING}`}>
                <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
                  <path d="M3 3l6 6M9 3l-6 6" />
                </svg>
              </button>
            </div>
            {rowProblem && <p className="text-xs font-medium text-red-700">{rowProblem}</p>}
          </div>
        );
      })}
      <button type="button" onClick={() => setRows([...rows, ['', '']])} data-testid={`field-${spec.name}-add`} className={`self-start rounded-md px-1.5 py-1 text-xs font-medium text-orange-700 hover:bg-orange-50 ${FOCUS_RING}`}>
        + Add {cel ? 'field' : 'row'}
      </button>
      {problem && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
