/** What starts a workflow. Stored in `workflows.trigger_config` and frozen into each published version. */
import { z } from 'zod';
import { celTypeError } from '../cel/check.ts';
import { stepPath, stepReferences } from '../cel/references.ts';
import { CelSchema } from '../steps/fields.ts';

/** Five-field cron: minute hour day-of-month month day-of-week. Deeper checks happen where it is scheduled. */
const CronSchema = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, 'cron needs five fields: minute hour day month weekday')
  .meta({ widget: 'cron' });

const TimeZoneSchema = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone')
  .meta({ widget: 'timezone' });

/** Attribute or category codes (snake_case), as a list a form edits one entry per line. */
const CodeListSchema = z.array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'codes are snake_case, like net_content')).max(50).meta({ widget: 'codes' });

/**
 * A trigger's filter decides whether a run starts, before any step has run: it reads the event, never
 * `steps.<id>` (the editor says so as you type, from the same checker). Names and types are checked as in steps.
 */
const TriggerFilterSchema = CelSchema.superRefine((value, ctx) => {
  const ref = stepReferences(value)?.[0];
  if (ref) ctx.addIssue({ code: 'custom', message: `the filter runs before any step, so ${stepPath(ref.stepId)} is never set` });
  const typeError = celTypeError(value);
  if (typeError) ctx.addIssue({ code: 'custom', message: typeError.message });
});

export const ENRICHMENT_STATUSES = ['completed', 'partial', 'failed'] as const;

export const TriggerConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }).strict(),
  /** When a person, import or another workflow changes one of `fields` of a product (in one of `categories`, if set). */
  z
    .object({
      type: z.literal('field_changed'),
      fields: CodeListSchema.min(1, 'watch at least one field').describe('Fields to watch'),
      categories: CodeListSchema.optional().describe('Only in these categories'),
      filter: TriggerFilterSchema.optional(),
    })
    .strict(),
  /** When an enrichment job ends in one of `statuses` and touched a product of one of `categories`, if set. */
  z
    .object({
      type: z.literal('enrichment_completed'),
      statuses: z.array(z.enum(ENRICHMENT_STATUSES)).min(1, 'pick at least one status').meta({ widget: 'multi_enum' }).describe('Job statuses'),
      categories: CodeListSchema.optional().describe('Only in these categories'),
      onlyWhenReviewNeeded: z.boolean().optional().describe('Only when suggestions await review'),
      filter: TriggerFilterSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('event'),
      event: z.string().regex(/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/, 'event names look like area/name'),
      filter: TriggerFilterSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('schedule'), cron: CronSchema, timezone: TimeZoneSchema }).strict(),
]);
export type TriggerConfig = z.infer<typeof TriggerConfigSchema>;

export const DEFAULT_TRIGGER_CONFIG: TriggerConfig = { type: 'manual' };

export function describeTrigger(config: TriggerConfig): string {
  switch (config.type) {
    case 'manual':
      return 'Manual';
    case 'event':
      return `On ${config.event}`;
    case 'schedule':
      return `Cron ${config.cron} (${config.timezone})`;
    case 'field_changed':
      return `When ${config.fields.join(', ')} change${config.categories?.length ? ` (${config.categories.join(', ')})` : ''}`;
    case 'enrichment_completed':
      return `When enrichment is ${config.statuses.join(' or ')}${config.categories?.length ? ` (${config.categories.join(', ')})` : ''}`;
  }
}
