/**
 * The step's name: typed freely, written to the graph only while it is valid — not blank, and within the limit
 * (a counter shows it; past it the box keeps what was typed, the error names the limit, and the graph keeps the
 * last name that fitted: nothing is cut).
 */
import { useId, useState } from 'react';
import type { Step } from '../../shared/graph/schema.ts';
import { lengthError, TEXT_LIMITS } from '../../shared/text/limits.ts';
import { renameStep } from '../canvas/commands.ts';
import { useEditorStore } from '../canvas/store.ts';
import { CharCount } from '../ui/char-count.tsx';
import { CONTROL, describe, FieldChrome } from './field-chrome.tsx';

const LIMIT = TEXT_LIMITS.stepName;

function nameError(text: string): string | undefined {
  if (!text.trim()) return 'A step needs a name';
  const long = lengthError(text, LIMIT);
  return long ? long.charAt(0).toUpperCase() + long.slice(1) : undefined;
}

export function StepNameField({ step, disabled }: { step: Step; disabled: boolean }) {
  const store = useEditorStore();
  const id = useId();
  const [text, setText] = useState(step.name);
  // Follow the graph when the name changes elsewhere (undo), unless the box holds a draft the graph refused.
  const [seen, setSeen] = useState(step.name);
  if (seen !== step.name) {
    setSeen(step.name);
    setText(step.name);
  }
  const error = nameError(text);

  function change(next: string) {
    setText(next);
    if (!nameError(next)) {
      setSeen(next);
      renameStep(store, step.id, next);
    }
  }

  return (
    <FieldChrome id={id} label="Name" required error={error} hint={<span className="sr-only">At most {LIMIT} characters</span>}>
      <input id={id} value={text} disabled={disabled} onChange={(e) => change(e.target.value)} className={CONTROL} data-testid="step-name" data-field="__name" {...describe(id, error)} />
      <span className="-mt-0.5 self-end">
        <CharCount length={text.length} limit={LIMIT} />
      </span>
    </FieldChrome>
  );
}
