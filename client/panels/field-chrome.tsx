/**
 * The frame every config field shares (label, control, hint or error) and the simple controls: text, long text,
 * number, select and checkbox. Each control carries `data-testid="field-<name>"` and
 * `data-field` (which the issues list uses to focus it).
 */
import { useId, type ReactNode } from 'react';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { CharCount } from '../ui/char-count.tsx';
import type { FieldSpec } from './zod-fields.ts';

/** A control's look without width or type size, for rows that set their own (utilities must not compete). */
export const CONTROL_BASE =
  'block rounded-md border-0 bg-white px-2.5 py-1.5 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400 disabled:bg-zinc-50 disabled:text-zinc-500';
export const CONTROL = `${CONTROL_BASE} w-full text-sm`;
/** For code: CEL, cron. */
export const MONO_CONTROL = `${CONTROL_BASE} w-full font-mono text-[13px]`;

export interface ControlProps {
  spec: FieldSpec;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
}

interface ChromeProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  /** Smaller and lighter label, for the controls inside a composite field (a chain level's name, SLA, …). */
  compact?: boolean;
  children: ReactNode;
}

export function FieldChrome({ id, label, required, hint, error, compact, children }: ChromeProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={compact ? 'text-xs font-medium text-zinc-700' : 'text-[13px] font-medium text-zinc-800'}>
        {label}
        {required && (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        )}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" data-field-error="">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="text-xs text-zinc-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** aria attributes tying a control to its error or hint. */
export function describe(id: string, error?: string, hint?: unknown) {
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined } as const;
}

export function testIds(spec: FieldSpec) {
  return { 'data-testid': `field-${spec.name}`, 'data-field': spec.name, name: spec.name };
}

export function TextControl({ spec, value, error, onChange, hint, placeholder }: ControlProps & { hint?: ReactNode; placeholder?: string }) {
  const id = useId();
  const long = spec.widget === 'textarea';
  const text = typeof value === 'string' ? value : '';
  // No `maxLength`: a paste past the limit stays whole, the counter turns red and the schema's error names the limit.
  const common = { id, value: text, placeholder, ...testIds(spec), ...describe(id, error, hint), className: CONTROL };
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={error}>
      {long ? (
        <textarea rows={4} {...common} className={`${CONTROL} resize-y`} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type={spec.widget === 'url' ? 'url' : 'text'} spellCheck={spec.widget !== 'url'} {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {spec.maxLength !== undefined && spec.widget !== 'url' && (
        <span className="-mt-0.5 self-end">
          <CharCount length={text.length} limit={spec.maxLength} />
        </span>
      )}
    </FieldChrome>
  );
}

export function NumberControl({ spec, value, error, onChange }: ControlProps) {
  const id = useId();
  const hint = spec.min !== undefined && spec.max !== undefined ? `Between ${spec.min.toLocaleString()} and ${spec.max.toLocaleString()}` : undefined;
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={error}>
      <input
        id={id}
        type="number"
        inputMode={spec.integer ? 'numeric' : 'decimal'}
        step={spec.integer ? 1 : 'any'}
        min={spec.min}
        max={spec.max}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.valueAsNumber)}
        className={CONTROL}
        {...testIds(spec)}
        {...describe(id, error, hint)}
      />
    </FieldChrome>
  );
}

export function SelectControl({ spec, value, error, onChange, emptyLabel }: ControlProps & { emptyLabel?: string }) {
  const id = useId();
  const options = spec.options ?? [];
  const label = (o: string) => (spec.widget === 'role' ? (ROLE_LABELS[o as keyof typeof ROLE_LABELS] ?? o) : o);
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} error={error}>
      <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} className={`${CONTROL} pr-8`} {...testIds(spec)} {...describe(id, error)}>
        {(spec.optional || value === undefined) && <option value="">{emptyLabel ?? '—'}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </FieldChrome>
  );
}

export function BooleanControl({ spec, value, error, onChange }: ControlProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} className="size-4 rounded border-zinc-300 accent-orange-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500" {...testIds(spec)} {...describe(id, error)} />
        <label htmlFor={id} className="text-[13px] font-medium text-zinc-800">
          {spec.label}
        </label>
      </div>
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
