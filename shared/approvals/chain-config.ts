/**
 * The approval policy a human gate carries: a chain of levels, each naming who may decide and how many must approve,
 * with reminders and a rule for a breached SLA. Pure zod, shared by the gate's step definition (the form and the
 * validator derive from it) and the engine.
 */
import { z } from 'zod';
import { CelSchema, DurationSchema, RoleSchema } from '../steps/fields.ts';

/**
 * Who may decide: a role, named users, or a CEL expression over the run's data (`event`, `data`, `steps`, `run`)
 * that gives a role name, a user id, or a list of them — e.g. `event.data.amount > 1000 ? "admin" : "approver"`.
 * They add up: a level naming a role and two users is open to all of them.
 */
export const DecidersSchema = z
  .object({
    role: RoleSchema.optional().describe('Role'),
    userIds: z.array(z.uuid()).max(50).optional().describe('Users'),
    expression: CelSchema.optional().describe('Chosen by (CEL)'),
  })
  .strict()
  .refine((d) => d.role !== undefined || (d.userIds?.length ?? 0) > 0 || d.expression !== undefined, { message: 'name a role, users or an expression' });
export type Deciders = z.infer<typeof DecidersSchema>;

/** How many must approve a level: any one of its deciders, all of them, or a number k of them. */
export const ApprovalRuleSchema = z.union([z.enum(['any', 'all']), z.number().int().min(1).max(50)]);
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;

export const BREACH_ACTIONS = ['timeout', 'escalate'] as const;

export const LevelSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional().describe('Level name'),
    deciders: DecidersSchema,
    approvals: ApprovalRuleSchema.default('any').describe('Approvals needed'),
    /** The level's SLA; the gate's timeout when absent. */
    sla: DurationSchema.optional().describe('SLA'),
    /** Reminders, at these percentages of the SLA (of each period, the escalated one too). */
    remindAt: z.array(z.number().int().min(1).max(99)).max(5).optional().describe('Remind at (% of SLA)'),
    /** On breach: apply the gate's timeout outcome, or open the level to `escalateTo` for one more SLA period. */
    onBreach: z.enum(BREACH_ACTIONS).default('timeout').describe('On SLA breach'),
    escalateTo: DecidersSchema.optional().describe('Escalate to'),
  })
  .strict()
  .refine((l) => l.onBreach !== 'escalate' || l.escalateTo !== undefined, { path: ['escalateTo'], message: 'say who the level escalates to' });
export type Level = z.infer<typeof LevelSchema>;
