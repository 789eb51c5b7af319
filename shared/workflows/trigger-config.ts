/** What starts a workflow. Stored in `workflows.trigger_config` and frozen into each published version. */
import { z } from 'zod';
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

export const TriggerConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }).strict(),
  z
    .object({
      type: z.literal('event'),
      event: z.string().regex(/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/, 'event names look like area/name'),
      filter: CelSchema.optional(),
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
  }
}
