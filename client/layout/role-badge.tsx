import type { Role } from '../../shared/roles.ts';

/** One label per role, in the words the people who hold them use. */
export const ROLE_LABELS = {
  admin: 'Admin',
  editor: 'Editor',
  approver: 'Approver',
  viewer: 'Viewer',
} as const satisfies Record<Role, string>;

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className="shrink-0 rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200 ring-inset" title={`Your role in this company: ${ROLE_LABELS[role]}`}>
      {ROLE_LABELS[role]}
    </span>
  );
}
