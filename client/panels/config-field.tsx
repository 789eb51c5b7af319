/** Picks the control for a derived field spec. */
import { CelControl } from './cel-field.tsx';
import { CronControl } from './cron-field.tsx';
import { JsonControl } from './json-field.tsx';
import { LevelsControl } from './levels-field.tsx';
import { BooleanControl, NumberControl, SelectControl, TextControl, type ControlProps } from './field-chrome.tsx';
import { CodesControl, MultiEnumControl } from './list-fields.tsx';
import { MemberControl } from './member-field.tsx';
import { RecordControl } from './record-field.tsx';
import { DurationControl, TimezoneControl } from './time-fields.tsx';

export interface ConfigFieldProps extends ControlProps {
  companySlug: string;
  /** Errors of record rows, keyed `<field>.<key>`. */
  rowErrors: Record<string, string>;
  /** For a cron field: the time zone its fire times are shown in. */
  timezone?: string;
}

export function ConfigField({ companySlug, rowErrors, timezone, ...props }: ConfigFieldProps) {
  switch (props.spec.widget) {
    case 'cel':
      return <CelControl {...props} />;
    case 'record':
      return <RecordControl {...props} rowErrors={rowErrors} />;
    case 'json':
      return <JsonControl {...props} />;
    case 'levels':
      return <LevelsControl {...props} rowErrors={rowErrors} companySlug={companySlug} />;
    case 'codes':
      return <CodesControl {...props} rowErrors={rowErrors} />;
    case 'multi_enum':
      return <MultiEnumControl {...props} />;
    case 'cron':
      return <CronControl {...props} timezone={timezone} />;
    case 'timezone':
      return <TimezoneControl {...props} />;
    case 'user':
      return <MemberControl {...props} companySlug={companySlug} />;
    case 'duration':
      return <DurationControl {...props} />;
    case 'boolean':
      return <BooleanControl {...props} />;
    case 'number':
      return <NumberControl {...props} />;
    case 'enum':
      return <SelectControl {...props} />;
    case 'role':
      return <SelectControl {...props} emptyLabel="Anyone" />;
    case 'text':
    case 'textarea':
    case 'url':
      return <TextControl {...props} />;
  }
}
