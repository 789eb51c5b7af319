/** The step's name: typed freely, written to the graph only while it is not blank (a blank name cannot be saved). */
import { useId, useState } from 'react';
import type { Step } from '../../shared/graph/schema.ts';
import { renameStep } from '../canvas/commands.ts';
import { useEditorStore } from '../canvas/store.ts';
import { CONTROL, describe, FieldChrome } from './field-chrome.tsx';

export function StepNameField({ step, disabled }: { step: Step; disabled: boolean }) {
  const store = useEditorStore();
  const id = useId();
  const [text, setText] = useState(step.name);
  // Follow the graph when the name changes elsewhere (undo), unless the box holds a blank draft of it.
  const [seen, setSeen] = useState(step.name);
  if (seen !== step.name) {
    setSeen(step.name);
    setText(step.name);
  }
  const error = text.trim() ? undefined : 'A step needs a name';

  function change(next: string) {
    setText(next);
    if (next.trim()) {
      setSeen(next);
      renameStep(store, step.id, next);
    }
  }

  return (
    <FieldChrome id={id} label="Name" required error={error}>
      <input id={id} value={text} maxLength={120} disabled={disabled} onChange={(e) => change(e.target.value)} className={CONTROL} data-testid="step-name" data-field="__name" {...describe(id, error)} />
    </FieldChrome>
  );
}
