/** A person from the company (members.list), stored by user id. */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { useTRPC } from '../trpc.ts';
import { CONTROL, describe, FieldChrome, type ControlProps } from './field-chrome.tsx';

export function MemberControl({ spec, value, error, onChange, companySlug }: ControlProps & { companySlug: string }) {
  const id = useId();
  const trpc = useTRPC();
  const members = useQuery(trpc.members.list.queryOptions({ companySlug }));
  const current = typeof value === 'string' ? value : '';
  const known = members.data?.some((m) => m.userId === current);
  const hint = members.isError ? 'Could not load the members list' : 'Leave empty to let anyone with the role decide';
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={error}>
      <select id={id} value={current} onChange={(e) => onChange(e.target.value)} disabled={members.isPending} className={`${CONTROL} pr-8`} data-testid={`field-${spec.name}`} data-field={spec.name} {...describe(id, error, true)}>
        <option value="">{members.isPending ? 'Loading members…' : 'Anyone'}</option>
        {current && !known && !members.isPending && <option value={current}>Unknown person ({current.slice(0, 8)}…)</option>}
        {members.data?.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name} · {ROLE_LABELS[m.role]}
          </option>
        ))}
      </select>
    </FieldChrome>
  );
}
