import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { LevelSchema } from '../../approvals/chain-config.ts';
import { CelSchema, DurationSchema, RoleSchema } from '../fields.ts';

export const GATE_TIMEOUT_OUTCOMES = ['approve', 'reject', 'fail'] as const;

export const humanGateStep = defineStep({
  kind: 'human_gate',
  type: 'human_gate',
  title: 'Approval',
  icon: '✋',
  category: 'Human',
  description: 'Pauses the run until an approver approves or rejects (yes = approved, no = rejected).',
  config: z
    .object({
      instructions: z.string().trim().min(1, 'tell the approver what to check').max(4000).describe('Instructions'),
      // Shown only while the gate has no levels: a chain's levels replace them (the form hides what would be ignored).
      assigneeRole: RoleSchema.optional().meta({ hiddenWhenSet: 'levels' }).describe('Assignee role'),
      assigneeUserId: z.uuid().optional().meta({ widget: 'user', hiddenWhenSet: 'levels' }).describe('Assignee'),
      timeout: DurationSchema.default('3d').describe('Timeout'),
      onTimeout: z.enum(GATE_TIMEOUT_OUTCOMES).default('fail').describe('On timeout'),
      // Four eyes unless someone turned it off: a config stored without the key forbids self-approval too.
      noSelfApproval: z.boolean().default(true).describe('Starter may not approve'),
      // Only when this holds (CEL over the run's data) is an approval needed; otherwise the gate is skipped, recorded
      // with the value, and the run goes on as approved ("approval only above $1,000").
      when: CelSchema.optional().describe('Only when'),
      // A chain: each level must approve in turn. Absent, the gate is one level of its assignee (configs stored
      // before chains keep their meaning); present, it replaces the assignee fields.
      levels: z.array(LevelSchema).min(1).max(10).meta({ widget: 'levels' }).optional().describe('Levels'),
    })
    .strict(),
  defaultConfig: { instructions: '', assigneeRole: 'approver', timeout: '3d', onTimeout: 'fail', noSelfApproval: true },
  summary: (c) => {
    const levels: unknown[] | null = Array.isArray(c.levels) ? c.levels : null;
    const after = `times out after ${str(c.timeout, '3d')}`;
    if (levels && levels.length > 1) return `${levels.length} levels · ${after}`;
    // One level: its deciders replace the assignee fields, so they are what the node says.
    return `${levels ? levelWho(levels[0]) : str(c.assigneeRole, 'anyone')} · ${after}`;
  },
});

/** Who decides a one-level chain, in a few words: its role, else how many people, else that CEL chooses. */
function levelWho(level: unknown): string {
  const d = (level as { deciders?: { role?: unknown; userIds?: unknown; expression?: unknown } } | null)?.deciders;
  if (typeof d?.role === 'string') return d.role;
  if (Array.isArray(d?.userIds) && d.userIds.length) return d.userIds.length === 1 ? '1 person' : `${d.userIds.length} people`;
  return d?.expression ? 'chosen by CEL' : 'anyone';
}
