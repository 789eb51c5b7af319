/**
 * The trigger step's panel. The trigger has no config of its own: it edits the workflow's trigger_config
 * (manual, event or schedule), saved through workflows.update. Like the graph, it takes effect on publish.
 */
import { useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { Step } from '../../shared/graph/schema.ts';
import { TriggerConfigSchema } from '../../shared/workflows/trigger-config.ts';
import { CelStepContext } from '../cel/use-cel-context.ts';
import { useSaver } from '../canvas/saver-context.ts';
import { setSelection, useEditor, useEditorStore } from '../canvas/store.ts';
import { Button } from '../ui/button.tsx';
import { kindStyle } from '../ui/kind-style.ts';
import { StepIcon } from '../ui/step-icon.tsx';
import { PanelFrame } from '../ui/panel-frame.tsx';
import { ConfigField } from './config-field.tsx';
import { StepIssues } from './step-issues.tsx';
import { StepNameField } from './step-name-field.tsx';
import { TriggerTypePicker, type TriggerType } from './trigger-type-picker.tsx';
import { useFocusRequest } from './use-focus-request.ts';
import { deriveFields, fieldErrors, setFieldValue } from './zod-fields.ts';

type Draft = Record<string, unknown> & { type: TriggerType };

const LABELS: Record<string, string> = { event: 'Event name', filter: 'Only when (CEL filter, optional)', cron: 'Schedule (cron)', timezone: 'Time zone' };

function optionFor(type: TriggerType): z.ZodObject {
  return TriggerConfigSchema.options.find((o) => o.shape.type.value === type)! as unknown as z.ZodObject;
}

/**
 * The draft a newly picked type starts from: values of fields the types share (a filter, categories) carry over,
 * required fields start empty, and a schedule starts on Mondays at 9:00 in the browser's time zone.
 */
export function draftForType(type: TriggerType, from: Record<string, unknown>): Draft {
  const draft: Draft = { type };
  for (const f of deriveFields(optionFor(type))) {
    if (from[f.name] !== undefined) draft[f.name] = from[f.name];
    else if (f.widget === 'cron') draft[f.name] = '0 9 * * 1';
    else if (f.widget === 'timezone') draft[f.name] = Intl.DateTimeFormat().resolvedOptions().timeZone;
    else if (f.required) draft[f.name] = f.widget === 'codes' || f.widget === 'multi_enum' ? [] : '';
  }
  return draft;
}

export function TriggerPanel({ step }: { step: Step }) {
  const store = useEditorStore();
  const saver = useSaver();
  const ref = useRef<HTMLElement>(null);
  const saved = useEditor((s) => s.meta.triggerConfig);
  const slug = useEditor((s) => s.meta.companySlug);
  const editable = useEditor((s) => s.access.edit);
  const [draft, setDraft] = useState<Draft>(saved);
  const [seen, setSeen] = useState(saved);
  if (seen !== saved) {
    setSeen(saved);
    setDraft(saved);
  }
  const [status, setStatus] = useState<{ busy: boolean; message?: string; ok?: boolean }>({ busy: false });
  const fields = useMemo(() => deriveFields(optionFor(draft.type)).map((f) => ({ ...f, label: LABELS[f.name] ?? f.label })), [draft.type]);
  const errors = useMemo(() => fieldErrors(TriggerConfigSchema, draft), [draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const valid = Object.keys(errors.byField).length === 0;
  useFocusRequest(ref, step.id);

  async function save() {
    setStatus({ busy: true });
    const r = await saver.updateTrigger(TriggerConfigSchema.parse(draft));
    setStatus(r.ok ? { busy: false, ok: true, message: 'Trigger saved. It takes effect when you publish.' } : { busy: false, ok: false, message: r.message });
  }

  const footer = editable && (
    <div className="flex items-center justify-end gap-2">
      {dirty && (
        <Button variant="ghost" onClick={() => setDraft(saved)} disabled={status.busy}>
          Discard
        </Button>
      )}
      <Button variant="primary" data-testid="trigger-save" disabled={!dirty || !valid || status.busy} onClick={() => void save()} title={!valid ? 'Fix the highlighted fields first' : undefined}>
        {status.busy ? 'Saving…' : 'Save trigger'}
      </Button>
    </div>
  );

  return (
    <PanelFrame ref={ref} data-testid="config-panel" icon={<StepIcon kind="trigger" className="size-5" />} iconClass={kindStyle('trigger').tile} title="Trigger" subtitle="What starts a run of this workflow." onClose={() => setSelection(store, [])} footer={footer}>
      <CelStepContext.Provider value={step.id}>
      <fieldset disabled={!editable} className="flex flex-col gap-4">
        <legend className="sr-only">Trigger settings</legend>
        <StepIssues stepId={step.id} />
        <StepNameField step={step} disabled={!editable} />
        <TriggerTypePicker value={draft.type} onChange={(type) => setDraft(draftForType(type, draft))} />
        {fields.map((spec) => (
          <ConfigField
            key={`${draft.type}:${spec.name}`}
            spec={spec}
            value={draft[spec.name]}
            error={errors.byField[spec.name]}
            rowErrors={errors.byPath}
            companySlug={slug}
            timezone={typeof draft.timezone === 'string' ? draft.timezone : undefined}
            onChange={(v) => setDraft((d) => setFieldValue(d, spec, v) as Draft)}
          />
        ))}
        {/* "Saved" stops being true as soon as the draft changes again; an error stays until the next try. */}
        {status.message && !(status.ok && dirty) && (
          <p role="status" className={`text-xs font-medium ${status.ok ? 'text-emerald-700' : 'text-red-700'}`} data-testid="trigger-status">
            {status.message}
          </p>
        )}
      </fieldset>
      </CelStepContext.Provider>
    </PanelFrame>
  );
}
