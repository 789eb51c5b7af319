/**
 * The selected step's settings: its name, then a form generated from its kind's zod schema, with the schema's
 * errors inline under each field and the step's other issues above.
 */
import { useMemo, useRef } from 'react';
import type { Step } from '../../shared/graph/schema.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';
import { stepPath } from '../../shared/cel/references.ts';
import { CelStepContext } from '../cel/use-cel-context.ts';
import { deleteStep, updateConfig } from '../canvas/commands.ts';
import { setSelection, useEditor, useEditorStore } from '../canvas/store.ts';
import { kindStyle } from '../ui/kind-style.ts';
import { StepIcon } from '../ui/step-icon.tsx';
import { PanelFrame } from '../ui/panel-frame.tsx';
import { ConfigField } from './config-field.tsx';
import { DangerButton } from './danger-button.tsx';
import { StepIssues } from './step-issues.tsx';
import { StepNameField } from './step-name-field.tsx';
import { TestStepSection } from './test-step.tsx';
import { useFocusRequest } from './use-focus-request.ts';
import { deriveFields, fieldErrors, setFieldValue, visibleFields, type FieldSpec } from './zod-fields.ts';

export function StepConfigPanel({ step }: { step: Step }) {
  const store = useEditorStore();
  const ref = useRef<HTMLElement>(null);
  const def = stepDefinition(step.kind);
  const editable = useEditor((s) => s.access.edit);
  const slug = useEditor((s) => s.meta.companySlug);
  const fields = useMemo(() => (def ? deriveFields(def.config) : []), [def]);
  // The issues change with rules outside the config too (the server's allowlist arriving): recompute with them.
  const issues = useEditor((s) => s.issues);
  const errors = useMemo(() => (def ? fieldErrors(def.config, step.config) : { byField: {}, byPath: {} }), [def, step.config, issues]);
  useFocusRequest(ref, step.id);

  function change(spec: FieldSpec, value: unknown) {
    // Read the config fresh: two changes may land before the next render.
    const current = store.getState().graph.steps.find((s) => s.id === step.id);
    if (current) updateConfig(store, step.id, setFieldValue(current.config, spec, value), spec.name);
  }

  const footer = editable && (
    <DangerButton className="w-full" onClick={() => deleteStep(store, step.id)} data-testid="delete-step">
      Delete step
    </DangerButton>
  );

  return (
    <PanelFrame
      ref={ref}
      data-testid="config-panel"
      icon={<StepIcon kind={step.kind} className="size-5" />}
      iconClass={kindStyle(step.kind).tile}
      title={def?.title ?? `Unknown kind "${step.kind}"`}
      subtitle={def?.description}
      onClose={() => setSelection(store, [])}
      footer={footer}
    >
      <CelStepContext.Provider value={step.id}>
      <fieldset disabled={!editable} className="flex flex-col gap-4">
        <legend className="sr-only">Settings of {step.name}</legend>
        <StepIssues stepId={step.id} />
        <StepNameField step={step} disabled={!editable} />
        {visibleFields(fields, step.config).map((spec) => (
          <ConfigField
            key={spec.name}
            spec={spec}
            value={step.config[spec.name] ?? spec.defaultValue}
            error={errors.byField[spec.name]}
            rowErrors={errors.byPath}
            companySlug={slug}
            onChange={(v) => change(spec, v)}
          />
        ))}
        {errors.byField[''] && <p className="text-xs font-medium text-red-700">{errors.byField['']}</p>}
        <p className="text-xs text-zinc-400">
          Step id <code className="font-mono">{step.id}</code>
          {/* The form a user can paste into an expression: dotted for an identifier, bracketed for an older dashed id. */}
          {def?.type === 'action' && (
            <>
              {' '}· its output is <code className="font-mono" data-testid="step-output-path">{stepPath(step.id)}</code>
            </>
          )}
        </p>
      </fieldset>
      <TestStepSection step={step} />
      </CelStepContext.Provider>
    </PanelFrame>
  );
}
