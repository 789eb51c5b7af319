/**
 * The frame every config field shares (label, control, hint or error) and the simple controls: text, long text,
 * number, select, checkbox, duration and time zone. Each control carries `data-testid="field-<name>"` and
 * `data-field` (which the issues list uses to focus it).
 */
import { useId, type ReactNode } from 'react';
import { durationToMs } from '../../shared/steps/fields.ts';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import type { FieldSpec } from './zod-fields.ts';

export const CONTROL =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400 disabled:bg-zinc-50 disabled:text-zinc-500';

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
  error?: string;
  children: ReactNode;
}

export function FieldChrome({ id, label, required, hint, error, children }: ChromeProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[13px] font-medium text-zinc-800">
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

function testIds(spec: FieldSpec) {
  return { 'data-testid': `field-${spec.name}`, 'data-field': spec.name, name: spec.name };
}

export function TextControl({ spec, value, error, onChange, hint, placeholder }: ControlProps & { hint?: ReactNode; placeholder?: string }) {
  const id = useId();
  const long = spec.widget === 'textarea';
  const common = { id, value: typeof value === 'string' ? value : '', maxLength: spec.maxLength, placeholder, ...testIds(spec), ...describe(id, error, hint), className: CONTROL };
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={error}>
      {long ? (
        <textarea rows={4} {...common} className={`${CONTROL} resize-y`} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type={spec.widget === 'url' ? 'url' : 'text'} spellCheck={spec.widget !== 'url'} {...common} onChange={(e) => onChange(e.target.value)} />
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

const DURATION_PRESETS = ['15m', '1h', '1d', '3d'] as const;

/** `90m` → "1 hour 30 minutes"; empty when the text is not a duration. */
export function readableDuration(text: string): string {
  if (!/^(\d+(ms|s|m|h|d|w))+$/.test(text.trim())) return '';
  let ms = durationToMs(text.trim());
  const parts: string[] = [];
  for (const [unit, size] of [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]] as const) {
    const n = Math.floor(ms / size);
    if (n) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    ms -= n * size;
  }
  return parts.join(' ') || 'no time at all';
}

export function DurationControl(props: ControlProps) {
  const text = typeof props.value === 'string' ? props.value : '';
  const readable = readableDuration(text);
  const hint = (
    <span className="flex flex-wrap items-center gap-1">
      <span className="mr-1">{readable || 'Like 30s, 15m, 2h, 3d or 1h30m'}</span>
      {DURATION_PRESETS.map((p) => (
        <button key={p} type="button" onClick={() => props.onChange(p)} className="rounded bg-zinc-100 px-1.5 py-px font-mono text-[11px] text-zinc-600 hover:bg-orange-50 hover:text-orange-700 focus-visible:outline-2 focus-visible:outline-orange-500">
          {p}
        </button>
      ))}
    </span>
  );
  return <TextControl {...props} hint={hint} placeholder="e.g. 2h" />;
}

let zones: string[] | null = null;
function timeZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return zones;
}

export function TimezoneControl(props: ControlProps) {
  const listId = useId();
  return (
    <>
      <datalist id={listId}>
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <TimezoneInput {...props} listId={listId} />
    </>
  );
}

function TimezoneInput({ spec, value, error, onChange, listId }: ControlProps & { listId: string }) {
  const id = useId();
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} error={error} hint="An IANA name, like America/Chicago">
      <input id={id} list={listId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} className={CONTROL} autoComplete="off" {...testIds(spec)} {...describe(id, error, true)} />
    </FieldChrome>
  );
}
