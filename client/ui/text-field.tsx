import { useId, type ComponentProps, type ReactNode } from 'react';
import { lengthError } from '../../shared/text/limits.ts';
import { CharCount } from './char-count.tsx';

const CONTROL =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400';

interface FieldChrome {
  label: string;
  hint?: string;
  /** Shown under the control and announced with it; marks the control invalid. */
  error?: string;
  /** A length limit: shows a counter, and past it an error naming the limit (nothing is cut). */
  limit?: number;
}

type TextFieldProps = FieldChrome & Omit<ComponentProps<'input'>, 'maxLength'>;
type TextAreaFieldProps = FieldChrome & Omit<ComponentProps<'textarea'>, 'maxLength'>;

export function TextField({ label, hint, error, limit, className = '', ...rest }: TextFieldProps) {
  const id = useId();
  const shown = error ?? tooLong(rest.value, limit);
  return (
    <Field id={id} label={label} hint={hint} error={shown} className={className} limit={limit} length={lengthOf(rest.value)}>
      <input id={id} aria-invalid={shown ? true : undefined} aria-describedby={describedBy(id, hint, shown, limit)} className={CONTROL} {...rest} />
    </Field>
  );
}

export function TextAreaField({ label, hint, error, limit, className = '', ...rest }: TextAreaFieldProps) {
  const id = useId();
  const shown = error ?? tooLong(rest.value, limit);
  return (
    <Field id={id} label={label} hint={hint} error={shown} className={className} limit={limit} length={lengthOf(rest.value)}>
      <textarea id={id} aria-invalid={shown ? true : undefined} aria-describedby={describedBy(id, hint, shown, limit)} className={`${CONTROL} resize-y`} {...rest} />
    </Field>
  );
}

const lengthOf = (value: unknown) => (typeof value === 'string' ? value.length : 0);

function tooLong(value: unknown, limit: number | undefined): string | undefined {
  if (limit === undefined || typeof value !== 'string') return undefined;
  const message = lengthError(value, limit);
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : undefined;
}

function describedBy(id: string, hint?: string, error?: string, limit?: number): string | undefined {
  const ids = [error ? `${id}-error` : hint ? `${id}-hint` : null, limit !== undefined ? `${id}-count` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Field({ id, label, hint, error, className, limit, length, children }: FieldChrome & { id: string; className: string; length: number; children: ReactNode }) {
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {(hint || error || limit !== undefined) && (
        <div className="flex items-start justify-between gap-3">
          {hint && !error && (
            <p id={`${id}-hint`} className="text-xs text-zinc-500">
              {hint}
            </p>
          )}
          {error && (
            <p id={`${id}-error`} className="text-xs font-medium text-red-700" data-field-error="">
              {error}
            </p>
          )}
          {limit !== undefined && (
            <span className="ml-auto">
              <CharCount id={`${id}-count`} length={length} limit={limit} />
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/** True when a value is within its limit (forms refuse to submit otherwise). */
export function fitsLimit(value: string, limit: number): boolean {
  return lengthError(value, limit) === null;
}
