/**
 * Where each role's work is, so signing in or switching company opens it: an approver's job is the approvals
 * waiting on them, everyone else builds or watches workflows. The paths are spelled here rather than imported from
 * runs/ or session.ts, which import this file's callers (no cycles between rooms).
 */
import type { Role } from '../../shared/roles.ts';

export function landingPath(slug: string, role: Role | undefined): string {
  const base = `/supplier/${encodeURIComponent(slug)}`;
  return role === 'approver' ? `${base}/inbox` : `${base}/workflows`;
}
