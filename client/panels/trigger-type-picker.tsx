/**
 * Which kind of trigger: every option of TriggerConfigSchema, so a trigger type added there shows up here by
 * itself (named by TYPE_TEXT when it has an entry, else by its humanized type).
 */
import { useId } from 'react';
import { TriggerConfigSchema, type TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { CONTROL } from './field-chrome.tsx';
import { humanize } from './zod-fields.ts';

export type TriggerType = TriggerConfig['type'];

const TYPE_TEXT: Partial<Record<TriggerType, { label: string; hint: string }>> = {
  manual: { label: 'Manually', hint: 'Runs start only when someone clicks Run now (or calls the API).' },
  event: { label: 'On an event', hint: 'Each matching event starts a run; its data is event.data.' },
  schedule: { label: 'On a schedule', hint: 'Runs start at the times of a cron pattern, in a time zone.' },
};

export const TRIGGER_TYPES: TriggerType[] = TriggerConfigSchema.options.map((o) => o.shape.type.value as TriggerType);

export function triggerTypeText(type: TriggerType): { label: string; hint?: string } {
  return TYPE_TEXT[type] ?? { label: humanize(type) };
}

export function TriggerTypePicker({ value, onChange }: { value: TriggerType; onChange: (type: TriggerType) => void }) {
  const id = useId();
  const { hint } = triggerTypeText(value);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[13px] font-medium text-zinc-800">
        Starts
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as TriggerType)} className={`${CONTROL} pr-8`} data-testid="trigger-type" aria-describedby={hint ? `${id}-hint` : undefined}>
        {TRIGGER_TYPES.map((t) => (
          <option key={t} value={t}>
            {triggerTypeText(t).label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
    </div>
  );
}
