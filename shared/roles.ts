/** Company roles and what each may do. Procedures check a permission, never a role name. */
export const ROLES = ['admin', 'editor', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['read', 'edit_workflows', 'run_workflows', 'resolve_gates', 'manage_members', 'edit_products', 'work_tasks', 'manage_event_keys', 'manage_settings'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS = {
  admin: PERMISSIONS,
  editor: ['read', 'edit_workflows', 'run_workflows', 'edit_products', 'work_tasks'],
  approver: ['read', 'resolve_gates', 'work_tasks'],
  viewer: ['read'],
} as const satisfies Record<Role, readonly Permission[]>;

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
