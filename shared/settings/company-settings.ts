/**
 * A company's settings an admin changes on the Settings page, and the defaults new steps take from them.
 * Stored as columns on `companies` (drizzle/schema/tenancy.ts); read by every member (the editor needs them to
 * create steps), changed by admins only.
 */
import { z } from 'zod';

export const CompanySettingsSchema = z
  .object({
    /** New approval steps start with "Starter may not approve" set to this. Existing steps keep their own value. */
    noSelfApprovalDefault: z.boolean(),
  })
  .strict();
export type CompanySettings = z.infer<typeof CompanySettingsSchema>;

/** What a company that never changed anything has: the safe choice. */
export const DEFAULT_COMPANY_SETTINGS: CompanySettings = { noSelfApprovalDefault: true };

/** The per-kind config overrides a new step takes from its company's settings. */
export type StepDefaults = Partial<Record<string, Record<string, unknown>>>;

export function stepDefaultsOf(settings: CompanySettings): StepDefaults {
  return { human_gate: { noSelfApproval: settings.noSelfApprovalDefault } };
}
