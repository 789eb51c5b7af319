/**
 * Adding or editing one approval policy: its name, the kinds of step it guards, the levels the approval before them
 * needs and the role one level must be decided by. Judged by the server's schema as it is filled in (after the first
 * try to save), the first bad field focused; what the server still refuses is shown under the field it names.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApprovalPolicy } from '../../shared/approvals/policy.ts';
import { ROLES } from '../../shared/roles.ts';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { apiError } from '../lib/api-errors.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TextField } from '../ui/text-field.tsx';
import { draftOf, GUARDABLE_KINDS, judgeDraft, kindTitle, POLICY_FIELDS, type PolicyDraft, type PolicyField } from './policy-form.ts';

interface Props {
  open: boolean;
  /** The policy edited, or null for a new one. */
  policy: ApprovalPolicy | null;
  /** The list's other policies (ids and names must differ). */
  others: readonly ApprovalPolicy[];
  /** Saves; resolves with the server's error, or null once saved. */
  onSave: (policy: ApprovalPolicy) => Promise<unknown>;
  onClose: () => void;
}

export function PolicyDialog({ open, policy, others, onSave, onClose }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={policy ? 'Edit policy' : 'New approval policy'} description="Checked whenever a workflow is published." data-testid="policy-dialog">
      {/* Mounted while open only: each opening starts from the policy as saved. */}
      {open && <PolicyForm key={policy?.id ?? 'new'} policy={policy} others={others} onSave={onSave} onClose={onClose} />}
    </Dialog>
  );
}

const CONTROL = 'block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400';

function PolicyForm({ policy, others, onSave, onClose }: Omit<Props, 'open'>) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy ?? undefined));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<{ fields: Partial<Record<PolicyField, string>>; message: string | null }>({ fields: {}, message: null });
  const verdict = judgeDraft(draft, others);
  const local = verdict.ok ? {} : verdict.errors;
  const errorOf = (f: PolicyField) => (tried ? local[f] : undefined) ?? server.fields[f];
  const formError = (tried && local.id) || server.message;

  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setServer((s) => ({ fields: { ...s.fields, [key]: undefined }, message: s.message }));
  };

  // After a refused save, the first field at fault takes the focus, where its message is.
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!verdict.ok) {
      setFocusTick((n) => n + 1);
      return;
    }
    setBusy(true);
    const err = await onSave(verdict.policy);
    setBusy(false);
    if (!err) {
      onClose();
      return;
    }
    const info = apiError(err);
    // The list goes up whole: `policies.<n>.<field>` names the field of whichever policy the server refused.
    const fields: Partial<Record<PolicyField, string>> = {};
    for (const [path, messages] of Object.entries(info.fieldErrors)) {
      const field = path.split('.').at(-1) as PolicyField;
      if ((POLICY_FIELDS as readonly string[]).includes(field) && messages[0]) fields[field] ??= messages[0].charAt(0).toUpperCase() + messages[0].slice(1);
    }
    setServer({ fields, message: Object.keys(fields).length ? null : info.message });
    setFocusTick((n) => n + 1);
  }

  const kinds = [...GUARDABLE_KINDS, ...draft.kinds.filter((k) => !GUARDABLE_KINDS.includes(k))];
  const kindsError = errorOf('kinds');
  const levelsError = errorOf('minLevels');
  const roleError = errorOf('role');

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4" data-testid="policy-form">
      <TextField label="Name" data-autofocus="" value={draft.name} limit={200} onChange={(e) => set('name', e.target.value)} error={errorOf('name')} placeholder="e.g. Two approvals before any outbound push" data-testid="policy-name-input" autoComplete="off" />
      <fieldset className="flex flex-col gap-1.5" aria-describedby={kindsError ? `${id}-kinds-error` : `${id}-kinds-hint`} data-testid="policy-kinds">
        <legend className="mb-1 font-medium text-zinc-800">Steps that need an approval before them</legend>
        <div className="grid max-h-44 grid-cols-2 gap-x-4 gap-y-1.5 overflow-y-auto rounded-md p-2 ring-1 ring-zinc-200 ring-inset">
          {kinds.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm text-zinc-700">
              <input
                type="checkbox"
                checked={draft.kinds.includes(k)}
                aria-invalid={kindsError ? true : undefined}
                onChange={(e) => set('kinds', e.target.checked ? [...draft.kinds, k] : draft.kinds.filter((x) => x !== k))}
                className="size-4 rounded border-zinc-300 accent-orange-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500"
                data-testid={`policy-kind-${k}`}
              />
              {kindTitle(k)}
            </label>
          ))}
        </div>
        {kindsError ? (
          <p id={`${id}-kinds-error`} className="text-xs font-medium text-red-700" data-field-error="">
            {kindsError}
          </p>
        ) : (
          <p id={`${id}-kinds-hint`} className="text-xs text-zinc-500">
            On every path from the trigger to such a step, an approval must say yes first.
          </p>
        )}
      </fieldset>
      <div className="grid grid-cols-2 gap-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-levels`} className="font-medium text-zinc-800">
            Levels at least
          </label>
          <input
            id={`${id}-levels`}
            type="number"
            inputMode="numeric"
            min={1}
            max={10}
            step={1}
            value={draft.minLevels}
            onChange={(e) => set('minLevels', e.target.value)}
            aria-invalid={levelsError ? true : undefined}
            aria-describedby={levelsError ? `${id}-levels-error` : `${id}-levels-hint`}
            className={CONTROL}
            data-testid="policy-min-levels"
          />
          {levelsError ? (
            <p id={`${id}-levels-error`} className="text-xs font-medium text-red-700" data-field-error="">
              {levelsError}
            </p>
          ) : (
            <p id={`${id}-levels-hint`} className="text-xs text-zinc-500">
              From 1 to 10
            </p>
          )}
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-role`} className="font-medium text-zinc-800">
            A level decided by
          </label>
          <select
            id={`${id}-role`}
            value={draft.role}
            onChange={(e) => set('role', e.target.value as PolicyDraft['role'])}
            aria-invalid={roleError ? true : undefined}
            aria-describedby={roleError ? `${id}-role-error` : undefined}
            className={`${CONTROL} pr-8`}
            data-testid="policy-role"
          >
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {roleError && (
            <p id={`${id}-role-error`} className="text-xs font-medium text-red-700" data-field-error="">
              {roleError}
            </p>
          )}
        </div>
      </div>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset" data-testid="policy-form-error">
          {formError}
        </p>
      )}
      <div className="mt-1 flex justify-end gap-2">
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy} data-testid="policy-save">
          {busy ? 'Saving…' : policy ? 'Save policy' : 'Add policy'}
        </Button>
      </div>
    </form>
  );
}
