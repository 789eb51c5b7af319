/**
 * The approval chain's form, pure: what each control of a level edits, written back as exactly the config
 * `shared/approvals/chain-config.ts` accepts. An optional part left empty is removed (never stored as "" or []),
 * so the step's schema judges what a person meant, and its messages land under the control at fault.
 */
import type { ApprovalRule, Deciders, Level } from '../../shared/approvals/chain-config.ts';
import type { Role } from '../../shared/roles.ts';

/** A level as the form holds it: the stored shape, possibly half filled in (no deciders yet). */
export type LevelDraft = Partial<Omit<Level, 'deciders'>> & { deciders?: Partial<Deciders> };

export const APPROVAL_MODES = ['any', 'all', 'k'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const APPROVAL_MODE_LABELS: Record<ApprovalMode, string> = { any: 'Any one of them', all: 'All of them', k: 'A number of them (k of n)' };

/** A new level: one approval from the role that decides approvals, timed by the gate's timeout. */
export function newLevel(role: Role = 'approver'): LevelDraft {
  return { deciders: { role }, approvals: 'any', onBreach: 'timeout' };
}

/** The levels a stored config holds, or — a gate still of one assignee — that one level, ready to extend. */
export function levelsOf(value: unknown, assignee: { role?: unknown; userId?: unknown }): LevelDraft[] {
  if (Array.isArray(value)) return value.filter((l): l is LevelDraft => !!l && typeof l === 'object');
  const userId = typeof assignee.userId === 'string' && assignee.userId ? assignee.userId : null;
  const role = typeof assignee.role === 'string' && assignee.role ? (assignee.role as Role) : null;
  return [{ deciders: userId ? { userIds: [userId] } : role ? { role } : {}, approvals: 'any', onBreach: 'timeout' }];
}

/** Deciders with a part changed; an empty part is dropped (role "", no users, a blank expression). */
export function withDeciders(d: Partial<Deciders> | undefined, patch: Partial<Record<keyof Deciders, unknown>>): Partial<Deciders> {
  const next: Record<string, unknown> = { ...d, ...patch };
  if (!next.role) delete next.role;
  if (!Array.isArray(next.userIds) || next.userIds.length === 0) delete next.userIds;
  if (typeof next.expression !== 'string' || !next.expression.trim()) delete next.expression;
  return next as Partial<Deciders>;
}

/** A level with a part changed: empty optional parts go, and escalation's target goes with `onBreach: timeout`. */
export function withLevel(level: LevelDraft, patch: Partial<Record<keyof Level, unknown>>): LevelDraft {
  const next: Record<string, unknown> = { ...level, ...patch };
  for (const key of ['name', 'sla'] as const) if (typeof next[key] !== 'string' || !(next[key] as string).trim()) delete next[key];
  if (!Array.isArray(next.remindAt) || next.remindAt.length === 0) delete next.remindAt;
  if (next.onBreach !== 'escalate') delete next.escalateTo;
  return next as LevelDraft;
}

export function approvalMode(rule: ApprovalRule | undefined): ApprovalMode {
  return typeof rule === 'number' ? 'k' : (rule ?? 'any');
}

/** The rule a mode means; k of n starts at 2 (1 would be "any one"). */
export function ruleFor(mode: ApprovalMode, current: ApprovalRule | undefined): ApprovalRule {
  if (mode !== 'k') return mode;
  return typeof current === 'number' ? current : 2;
}

/** "50, 90" → [50, 90]; anything that is not a whole number stays as typed, for the schema to refuse by name. */
export function parseReminders(text: string): (number | string)[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.replace(/%$/, '').trim())
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function showReminders(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : '';
}

/** The first error under `path` (e.g. `levels.0.deciders`), from the step schema's errors by dotted path. */
export function errorUnder(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  return Object.entries(errors).find(([p]) => p.startsWith(prefix))?.[1];
}
