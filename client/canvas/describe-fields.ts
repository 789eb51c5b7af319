/** What changed in a step, in the words its form uses (the schema's labels), for the diff tag and the version diff. */
import { configFieldLabel } from '../../shared/steps/field-labels.ts';

const FIXED: Record<string, string> = { trigger: 'trigger settings' };

export function describeFields(kind: string, fields: readonly string[]): string {
  return fields
    .map((f) => {
      if (!f.startsWith('config.')) return FIXED[f] ?? f;
      return configFieldLabel(kind, f.slice('config.'.length));
    })
    .join(', ');
}
