/**
 * The approval chain's rules, pure: which levels a gate config means (an old single-assignee config is a one-level
 * chain), who a level's deciders are once its CEL has run, how many approvals close it, who may decide, how the votes
 * add up, and when the next reminder or the breach falls. The engine (server/workflow/gate-chain.ts), the decision
 * path (server/services/gates/resolve.ts) and the decision panel all apply these same functions.
 */
import { celValue } from '../cel/evaluate.ts';
import { ROLES, type Role } from '../roles.ts';
import { durationToMs } from '../steps/fields.ts';
import type { ApprovalRule, Deciders, Level } from './chain-config.ts';

/** A level's deciders once resolved: roles and users; both empty means anyone allowed to resolve approvals. */
export interface DeciderSet {
  roles: Role[];
  userIds: string[];
}

/** One level as the gate's task stores it when the gate opens (fixed from then on, so the record says what applied). */
export interface ResolvedLevel {
  name: string;
  deciders: DeciderSet;
  escalateTo: DeciderSet | null;
  rule: ApprovalRule;
  /** Approvals that close the level: 1 for any, the people named for all, k (at most the people named) for k of n. */
  required: number;
  slaMs: number;
  remindAt: number[];
  onBreach: 'timeout' | 'escalate';
}

export interface GateChain {
  levels: ResolvedLevel[];
}

export interface Vote {
  level: number;
  userId: string;
  decision: 'approved' | 'rejected';
}

/** The part of a gate config the chain reads (structural, so the step definition can import this module). */
export interface ChainSource {
  assigneeRole?: Role | undefined;
  assigneeUserId?: string | undefined;
  timeout: string;
  levels?: Level[] | undefined;
}

export class ChainError extends Error {
  override name = 'ChainError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The levels a config means: its `levels`, or — a config stored before chains existed — one level of its assignee. */
export function configLevels(config: ChainSource): Level[] {
  if (config.levels?.length) return config.levels;
  // A named assignee was always the one decider (the role then only said who sees it); otherwise the role decides.
  const deciders: Deciders = config.assigneeUserId ? { userIds: [config.assigneeUserId] } : config.assigneeRole ? { role: config.assigneeRole } : {};
  return [{ deciders, approvals: 'any', onBreach: 'timeout' }];
}

/** Resolves named deciders; an expression must give role names or user ids (one, or a list), nothing else. */
export function resolveDeciders(d: Deciders, vars: Record<string, unknown>): DeciderSet {
  const roles = new Set<Role>(d.role ? [d.role] : []);
  const userIds = new Set<string>(d.userIds ?? []);
  if (d.expression) {
    let value: unknown;
    try {
      value = celValue(d.expression, vars);
    } catch (err) {
      throw new ChainError(`could not evaluate ${d.expression}: ${(err as Error).message.split('\n')[0]}`);
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && (ROLES as readonly string[]).includes(v)) roles.add(v as Role);
      else if (typeof v === 'string' && UUID.test(v)) userIds.add(v.toLowerCase());
      else throw new ChainError(`${d.expression} gave ${JSON.stringify(v)}: expected a role (${ROLES.join(', ')}) or a user id`);
    }
  }
  return { roles: [...roles], userIds: [...userIds] };
}

/** Approvals that close a level whose deciders are `named` people (role members and users, counted once each). */
export function requiredApprovals(rule: ApprovalRule, named: number): number {
  const n = Math.max(1, named);
  if (rule === 'any') return 1;
  if (rule === 'all') return n;
  return Math.min(rule, n);
}

/**
 * The chain a gate opens with. `countNamed` says how many distinct people a decider set names (the caller counts
 * role members in the company), so `all` and k-of-n are fixed at opening.
 */
export function resolveChain(config: ChainSource, vars: Record<string, unknown>, countNamed: (d: DeciderSet) => number): GateChain {
  return {
    levels: configLevels(config).map((l, i) => {
      const deciders = resolveDeciders(l.deciders, vars);
      return {
        name: l.name ?? `Level ${i + 1}`,
        deciders,
        escalateTo: l.onBreach === 'escalate' && l.escalateTo ? resolveDeciders(l.escalateTo, vars) : null,
        rule: l.approvals,
        required: requiredApprovals(l.approvals, countNamed(deciders)),
        slaMs: durationToMs(l.sla ?? config.timeout),
        remindAt: [...new Set(l.remindAt ?? [])].sort((a, b) => a - b),
        onBreach: l.onBreach,
      };
    }),
  };
}

function names(set: DeciderSet | null, person: { id: string; role: Role }): boolean {
  return !!set && (set.userIds.includes(person.id) || set.roles.includes(person.role));
}

/**
 * Whether a person may decide a level. Anyone (with the permission) when the level names nobody; an admin always, as
 * before chains; otherwise the level's deciders, and once it has escalated, the people it escalated to as well.
 */
export function mayDecide(level: ResolvedLevel, escalated: boolean, person: { id: string; role: Role }): boolean {
  if (level.deciders.roles.length === 0 && level.deciders.userIds.length === 0) return true;
  if (person.role === 'admin') return true;
  return names(level.deciders, person) || (escalated && names(level.escalateTo, person));
}

export type LevelOutcome = 'approved' | 'rejected' | 'open';

/** How a level's votes add up: one rejection ends it, `required` distinct approvals close it. */
export function tally(votes: Vote[], level: number, required: number): { approvals: number; outcome: LevelOutcome } {
  const mine = votes.filter((v) => v.level === level);
  const approvals = new Set(mine.filter((v) => v.decision === 'approved').map((v) => v.userId)).size;
  if (mine.some((v) => v.decision === 'rejected')) return { approvals, outcome: 'rejected' };
  return { approvals, outcome: approvals >= required ? 'approved' : 'open' };
}

/** What a vote does to the gate: end it (yes or no), move it to the next level, or leave the level open. */
export type ChainStep = { kind: 'decided'; decision: 'approved' | 'rejected' } | { kind: 'next_level'; level: number } | { kind: 'open' };

export function afterVote(chain: GateChain, level: number, votes: Vote[]): ChainStep {
  const current = chain.levels[level];
  if (!current) throw new ChainError(`the chain has no level ${level + 1}`);
  const { outcome } = tally(votes, level, current.required);
  if (outcome === 'rejected') return { kind: 'decided', decision: 'rejected' };
  if (outcome === 'open') return { kind: 'open' };
  return level + 1 < chain.levels.length ? { kind: 'next_level', level: level + 1 } : { kind: 'decided', decision: 'approved' };
}

/** A reminder's identity: level, period (0 first, 1 escalated) and percentage — its durable step id and dedupe key. */
export const reminderKey = (level: number, escalated: boolean, pct: number) => `${level}:${escalated ? 1 : 0}:${pct}`;

/**
 * The timers of the open level, `elapsedMs` into its current period: the reminders already due (in order) and how
 * long until the next thing happens (a reminder or the breach, whichever is first; 0 when the SLA is breached).
 */
export function levelTimers(level: ResolvedLevel, levelIndex: number, escalated: boolean, elapsedMs: number): { due: { key: string; pct: number }[]; nextInMs: number; breached: boolean } {
  const points = level.remindAt.map((pct) => ({ key: reminderKey(levelIndex, escalated, pct), pct, at: (level.slaMs * pct) / 100 }));
  const due = points.filter((p) => p.at <= elapsedMs).map(({ key, pct }) => ({ key, pct }));
  const upcoming = points.filter((p) => p.at > elapsedMs).map((p) => p.at - elapsedMs);
  const toBreach = level.slaMs - elapsedMs;
  return { due, nextInMs: Math.max(0, Math.min(toBreach, ...upcoming)), breached: toBreach <= 0 };
}
