/**
 * An approval's chain of levels, edited as a form instead of JSON: add and remove levels; per level its deciders,
 * how many must approve (any, all, k of n), its SLA, reminders and what a breached SLA does (escalate to named
 * deciders, or the gate's timeout outcome). Without levels the gate is one level of its assignee; "Add level" turns
 * that into a chain. Each message is the step schema's own, under the control it is about.
 */
import { Plus, Trash2 } from 'lucide-react';
import { useContext, useId, useState } from 'react';
import { BREACH_ACTIONS, type ApprovalRule } from '../../shared/approvals/chain-config.ts';
import { CelStepContext } from '../cel/use-cel-context.ts';
import { useEditor } from '../canvas/store.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { DecidersFields } from './deciders-fields.tsx';
import { CONTROL, describe, FieldChrome, type ControlProps } from './field-chrome.tsx';
import { APPROVAL_MODE_LABELS, APPROVAL_MODES, approvalMode, errorUnder, levelsOf, newLevel, parseReminders, ruleFor, showReminders, withLevel, type ApprovalMode, type LevelDraft } from './levels-model.ts';
import { readableDuration } from './time-fields.tsx';

const BREACH_LABELS: Record<(typeof BREACH_ACTIONS)[number], string> = { timeout: "Apply the gate's timeout outcome", escalate: 'Escalate to…' };
const SMALL = 'inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium';

export function LevelsControl({ spec, value, onChange, rowErrors, companySlug }: ControlProps & { rowErrors: Record<string, string>; companySlug: string }) {
  const stepId = useContext(CelStepContext);
  const assignee = useEditor((s) => {
    const config = s.graph.steps.find((st) => st.id === stepId)?.config;
    return `${String(config?.assigneeRole ?? '')}|${String(config?.assigneeUserId ?? '')}`;
  });
  const [role, userId] = assignee.split('|');
  const chain = Array.isArray(value);
  const levels = levelsOf(value, { role, userId });
  const headingId = useId();
  const put = (next: LevelDraft[]) => onChange(next.length ? next : undefined);
  const change = (i: number, level: LevelDraft) => put(levels.map((l, j) => (j === i ? level : l)));

  return (
    <section className="flex flex-col gap-2" aria-labelledby={headingId} data-testid="field-levels" data-field={spec.name}>
      <h3 id={headingId} className="text-[13px] font-medium text-zinc-800">
        Approval chain
      </h3>
      <p className="text-xs text-zinc-500" data-testid="levels-hint">
        {chain
          ? `${levels.length} level${levels.length === 1 ? '' : 's'}, decided in turn: a rejection at any level ends it with no. The levels replace the gate's assignee.`
          : 'One level, decided by the assignee above. Add a level to make a chain.'}
      </p>
      {chain && (
        <ol className="flex flex-col gap-3">
          {levels.map((level, i) => (
            <LevelCard key={i} index={i} level={level} errors={rowErrors} companySlug={companySlug} onChange={(l) => change(i, l)} onRemove={() => put(levels.filter((_, j) => j !== i))} />
          ))}
        </ol>
      )}
      {levels.length < 10 && (
        <button type="button" onClick={() => put([...levels, newLevel()])} className={`${SMALL} self-start text-orange-700 ring-1 ring-orange-200 ring-inset hover:bg-orange-50 ${FOCUS_RING}`} data-testid="levels-add">
          <Plus aria-hidden="true" className="size-3.5" />
          Add level
        </button>
      )}
    </section>
  );
}

function LevelCard({ index, level, errors, companySlug, onChange, onRemove }: { index: number; level: LevelDraft; errors: Record<string, string>; companySlug: string; onChange: (l: LevelDraft) => void; onRemove: () => void }) {
  const id = useId();
  const prefix = `level-${index}`;
  const at = (part: string) => errorUnder(errors, `levels.${index}.${part}`);
  const title = `Level ${index + 1}`;
  const set = (patch: Parameters<typeof withLevel>[1]) => onChange(withLevel(level, patch));
  const mode = approvalMode(level.approvals);
  // The text as typed ("50, 9" on the way to "50, 90"), following the config when it changes elsewhere (undo).
  const stored = showReminders(level.remindAt);
  const [reminders, setReminders] = useState(stored);
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    setSeen(stored);
    setReminders(stored);
  }
  const sla = level.sla ?? '';

  return (
    <li className="flex flex-col gap-3 rounded-lg bg-zinc-50/70 p-3 ring-1 ring-zinc-200 ring-inset" data-testid={prefix} aria-label={level.name ? `${title}: ${level.name}` : title}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</span>
        <button type="button" onClick={onRemove} aria-label={`Remove ${title}`} className={`${SMALL} text-zinc-600 hover:bg-red-50 hover:text-red-700 ${FOCUS_RING}`} data-testid={`${prefix}-remove`}>
          <Trash2 aria-hidden="true" className="size-3.5" />
          Remove
        </button>
      </div>
      <FieldChrome compact id={`${id}-name`} label="Name" error={at('name')}>
        <input id={`${id}-name`} value={level.name ?? ''} placeholder={title} onChange={(e) => set({ name: e.target.value })} className={CONTROL} data-testid={`${prefix}-name`} {...describe(`${id}-name`, at('name'))} />
      </FieldChrome>
      <DecidersFields legend="Who decides" prefix={prefix} value={level.deciders} error={at('deciders')} companySlug={companySlug} onChange={(deciders) => onChange({ ...level, deciders })} />
      <FieldChrome compact id={`${id}-approvals`} label="Approvals needed" error={at('approvals')}>
        <div className="flex gap-2">
          <select id={`${id}-approvals`} value={mode} onChange={(e) => set({ approvals: ruleFor(e.target.value as ApprovalMode, level.approvals) })} className={`${CONTROL} pr-8`} data-testid={`${prefix}-approvals`} {...describe(`${id}-approvals`, at('approvals'))}>
            {APPROVAL_MODES.map((m) => (
              <option key={m} value={m}>
                {APPROVAL_MODE_LABELS[m]}
              </option>
            ))}
          </select>
          {mode === 'k' && (
            <input
              type="number"
              min={1}
              max={50}
              step={1}
              aria-label="How many must approve"
              value={typeof level.approvals === 'number' ? level.approvals : ''}
              onChange={(e) => set({ approvals: (e.target.value === '' ? 1 : e.target.valueAsNumber) as ApprovalRule })}
              className={`${CONTROL} w-20`}
              data-testid={`${prefix}-k`}
            />
          )}
        </div>
      </FieldChrome>
      <div className="grid grid-cols-2 gap-2">
        <FieldChrome compact id={`${id}-sla`} label="SLA" error={at('sla')} hint={sla ? readableDuration(sla) || undefined : "The gate's timeout"}>
          <input id={`${id}-sla`} value={sla} placeholder="e.g. 4h" onChange={(e) => set({ sla: e.target.value })} className={CONTROL} data-testid={`${prefix}-sla`} {...describe(`${id}-sla`, at('sla'), true)} />
        </FieldChrome>
        <FieldChrome compact id={`${id}-remind`} label="Remind at (% of SLA)" error={at('remindAt')} hint="e.g. 50, 90">
          <input
            id={`${id}-remind`}
            value={reminders}
            inputMode="numeric"
            onChange={(e) => {
              const parsed = parseReminders(e.target.value);
              setReminders(e.target.value);
              setSeen(showReminders(parsed.length ? parsed : undefined));
              set({ remindAt: parsed });
            }}
            className={CONTROL}
            data-testid={`${prefix}-remind`}
            {...describe(`${id}-remind`, at('remindAt'), true)}
          />
        </FieldChrome>
      </div>
      <FieldChrome compact id={`${id}-breach`} label="On SLA breach" error={at('onBreach')}>
        <select id={`${id}-breach`} value={level.onBreach ?? 'timeout'} onChange={(e) => set({ onBreach: e.target.value, ...(e.target.value === 'escalate' && !level.escalateTo ? { escalateTo: { role: 'admin' } } : {}) })} className={`${CONTROL} pr-8`} data-testid={`${prefix}-breach`}>
          {BREACH_ACTIONS.map((b) => (
            <option key={b} value={b}>
              {BREACH_LABELS[b]}
            </option>
          ))}
        </select>
      </FieldChrome>
      {level.onBreach === 'escalate' && (
        <div className="border-l-2 border-orange-200 pl-3">
          <DecidersFields legend="Escalate to (the level stays open for them too)" prefix={`${prefix}-escalate`} value={level.escalateTo} error={at('escalateTo')} companySlug={companySlug} onChange={(escalateTo) => set({ escalateTo })} />
        </div>
      )}
    </li>
  );
}


