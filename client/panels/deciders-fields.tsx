/**
 * Who may decide a level (or whom it escalates to): a role, named people, and a CEL expression over the run's data
 * choosing among them. The three add up; at least one is needed, which the step's schema says under the group.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import type { Deciders } from '../../shared/approvals/chain-config.ts';
import { ROLES } from '../../shared/roles.ts';
import { useCelContext } from '../cel/use-cel-context.ts';
import { useEditor } from '../canvas/store.ts';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { useTRPC } from '../trpc.ts';
import { CelEditor } from './cel-editor.tsx';
import { celProblem } from './cel-field.tsx';
import { CONTROL } from './field-chrome.tsx';
import { withDeciders } from './levels-model.ts';

interface Props {
  legend: string;
  /** Test id and field prefix, e.g. `level-0` or `level-0-escalate`. */
  prefix: string;
  value: Partial<Deciders> | undefined;
  /** The schema's message for the group (e.g. "name a role, users or an expression"). */
  error: string | undefined;
  companySlug: string;
  onChange: (next: Partial<Deciders>) => void;
}

const LABEL = 'text-xs font-medium text-zinc-700';

export function DecidersFields({ legend, prefix, value, error, companySlug, onChange }: Props) {
  const id = useId();
  const trpc = useTRPC();
  const members = useQuery(trpc.members.list.queryOptions({ companySlug }));
  const context = useCelContext();
  const editable = useEditor((s) => s.access.edit);
  const expression = value?.expression ?? '';
  const problem = useMemo(() => (expression.trim() ? celProblem(expression, context) : null), [expression, context]);
  const chosen = new Set(value?.userIds ?? []);
  const unknown = [...chosen].filter((u) => members.data && !members.data.some((m) => m.userId === u));
  const set = (patch: Partial<Record<keyof Deciders, unknown>>) => onChange(withDeciders(value, patch));

  return (
    <fieldset className="flex flex-col gap-2" data-testid={`${prefix}-deciders`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-[13px] font-medium text-zinc-800">{legend}</legend>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-role`} className={LABEL}>
          Role
        </label>
        <select id={`${id}-role`} value={value?.role ?? ''} onChange={(e) => set({ role: e.target.value })} className={`${CONTROL} pr-8`} data-testid={`${prefix}-role`}>
          <option value="">No role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              Any {ROLE_LABELS[r].toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1" role="group" aria-labelledby={`${id}-people`}>
        <span id={`${id}-people`} className={LABEL}>
          People
        </span>
        {members.isPending && <span className="text-xs text-zinc-500">Loading members…</span>}
        {members.isError && <span className="text-xs text-amber-700">Could not load the members list</span>}
        <div className="flex max-h-32 flex-col gap-1 overflow-y-auto rounded-md px-2 py-1.5 ring-1 ring-zinc-200 ring-inset">
          {members.data?.map((m) => (
            <label key={m.userId} className="flex items-center gap-2 text-sm text-zinc-700">
              <input
                type="checkbox"
                checked={chosen.has(m.userId)}
                onChange={(e) => set({ userIds: e.target.checked ? [...chosen, m.userId] : [...chosen].filter((u) => u !== m.userId) })}
                className="size-4 rounded border-zinc-300 accent-orange-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500"
                data-testid={`${prefix}-user`}
                data-user-id={m.userId}
              />
              <span className="truncate">
                {m.name} <span className="text-zinc-400">· {ROLE_LABELS[m.role]}</span>
              </span>
            </label>
          ))}
          {unknown.map((u) => (
            <label key={u} className="flex items-center gap-2 text-sm text-zinc-500">
              <input type="checkbox" checked onChange={() => set({ userIds: [...chosen].filter((x) => x !== u) })} className="size-4 accent-orange-600" />
              Unknown person ({u.slice(0, 8)}…)
            </label>
          ))}
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <span id={`${id}-expr`} className={LABEL}>
          Chosen by (CEL) <span className="font-normal text-zinc-500">— gives a role or user id, or a list of them</span>
        </span>
        <CelEditor
          value={expression}
          onChange={(text) => set({ expression: text })}
          context={context}
          label={`${legend}: chosen by (CEL)`}
          testId={`${prefix}-expression`}
          field={`${prefix}-expression`}
          multiline={false}
          editable={editable}
          invalid={!!problem}
          describedBy={problem ? `${id}-expr-error` : undefined}
        />
        {problem && (
          <p id={`${id}-expr-error`} className="text-xs font-medium text-red-700" data-field-error="">
            {problem}
          </p>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" data-field-error="" data-testid={`${prefix}-deciders-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
