import { useId, type ComponentProps, type ReactNode } from 'react';

const CONTROL =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400';

interface FieldChrome {
  label: string;
  hint?: string;
  /** Shown under the control and announced with it; marks the control invalid. */
  error?: string;
}

export function TextField({ label, hint, error, className = '', ...rest }: FieldChrome & ComponentProps<'input'>) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={CONTROL} {...rest} />
    </Field>
  );
}

export function TextAreaField({ label, hint, error, className = '', ...rest }: FieldChrome & ComponentProps<'textarea'>) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${CONTROL} resize-y`} {...rest} />
    </Field>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

function Field({ id, label, hint, error, className, children }: FieldChrome & { id: string; className: string; children: ReactNode }) {
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="font-medium text-zinc-800">
        {label}
      </label>
      {children}
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
    </div>
  );
}
