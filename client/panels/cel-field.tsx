/** A CEL expression box: monospace, no spellcheck, and a syntax check on every keystroke. */
import { useId } from 'react';
import { celSyntaxError } from '../../shared/cel/check.ts';
import { CONTROL_BASE, describe, FieldChrome, MONO_CONTROL, type ControlProps } from './field-chrome.tsx';

export const CEL_HINT = 'Reads event.data, data, steps.<step id> and run';

/** The live verdict on an expression: a syntax error, or null when it parses (or is still empty). */
export function celStatus(text: string): string | null {
  if (!text.trim()) return null;
  const err = celSyntaxError(text);
  return err ? `Syntax error: ${err}` : null;
}

export function CelControl({ spec, value, error, onChange }: ControlProps) {
  const id = useId();
  const text = typeof value === 'string' ? value : '';
  const syntax = celStatus(text);
  // The live check speaks first; the schema's verdict (e.g. "required") otherwise.
  const shown = syntax ?? error;
  const hint = text.trim() ? (
    <span className="text-emerald-700" data-testid={`field-${spec.name}-ok`}>
      ✓ Valid CEL
    </span>
  ) : (
    CEL_HINT
  );
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={shown}>
      <textarea
        id={id}
        rows={spec.name === 'expression' || spec.name === 'filter' ? 3 : 1}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text}
        placeholder="event.data.amount > 1000"
        onChange={(e) => onChange(e.target.value)}
        className={`${MONO_CONTROL} resize-y leading-snug`}
        data-testid={`field-${spec.name}`}
        data-field={spec.name}
        {...describe(id, shown, true)}
      />
    </FieldChrome>
  );
}

/** One CEL input without chrome, for record rows. */
export function CelInput({ value, onChange, label, invalid, testId }: { value: string; onChange: (v: string) => void; label: string; invalid: boolean; testId: string }) {
  return (
    <input
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      aria-invalid={invalid || undefined}
      spellCheck={false}
      autoCapitalize="off"
      placeholder="expression"
      className={`${CONTROL_BASE} min-w-0 flex-1 font-mono text-[13px]`}
      data-testid={testId}
    />
  );
}
