/**
 * A structured value the form has no dedicated control for (a list of objects), edited as
 * JSON. The text is kept as typed while it does not parse, with the parse error shown; once it parses, the value goes
 * to the config and the step's schema judges it like any other field.
 */
import { useEffect, useId, useState } from 'react';
import { CONTROL, FieldChrome, describe, testIds, type ControlProps } from './field-chrome.tsx';

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

export function JsonControl({ spec, value, error, onChange }: ControlProps) {
  const id = useId();
  const [text, setText] = useState(() => show(value));
  const [parseError, setParseError] = useState<string | null>(null);
  // A change from outside (undo, another panel) replaces the text, unless it is what the text already means.
  useEffect(() => {
    setText((current) => {
      try {
        return JSON.stringify(JSON.parse(current)) === JSON.stringify(value) ? current : show(value);
      } catch {
        return current;
      }
    });
  }, [value]);
  const hint = 'JSON';
  const shown = parseError ?? error;
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={shown}>
      <textarea
        id={id}
        rows={8}
        spellCheck={false}
        value={text}
        {...testIds(spec)}
        {...describe(id, shown, hint)}
        className={`${CONTROL} resize-y font-mono text-xs`}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) {
            setParseError(null);
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setParseError(null);
            onChange(parsed);
          } catch (err) {
            setParseError(`Not valid JSON: ${(err as Error).message}`);
          }
        }}
      />
    </FieldChrome>
  );
}
