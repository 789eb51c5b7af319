/** Time fields: a duration with its reading in words and quick presets, and an IANA time zone with suggestions. */
import { useId } from 'react';
import { durationToMs } from '../../shared/steps/fields.ts';
import { CONTROL, describe, FieldChrome, testIds, TextControl, type ControlProps } from './field-chrome.tsx';

const DURATION_PRESETS = ['15m', '1h', '1d', '3d'] as const;

/** `90m` → "1 hour 30 minutes"; empty when the text is not a duration. */
export function readableDuration(text: string): string {
  if (!/^(\d+(ms|s|m|h|d|w))+$/.test(text.trim())) return '';
  let ms = durationToMs(text.trim());
  const parts: string[] = [];
  for (const [unit, size] of [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]] as const) {
    const n = Math.floor(ms / size);
    if (n) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    ms -= n * size;
  }
  return parts.join(' ') || 'no time at all';
}

export function DurationControl(props: ControlProps) {
  const text = typeof props.value === 'string' ? props.value : '';
  const readable = readableDuration(text);
  const hint = (
    <span className="flex flex-wrap items-center gap-1">
      <span className="mr-1">{readable || 'Like 30s, 15m, 2h, 3d or 1h30m'}</span>
      {DURATION_PRESETS.map((p) => (
        <button key={p} type="button" onClick={() => props.onChange(p)} className="rounded bg-zinc-100 px-1.5 py-px font-mono text-[11px] text-zinc-600 hover:bg-orange-50 hover:text-orange-700 focus-visible:outline-2 focus-visible:outline-orange-500">
          {p}
        </button>
      ))}
    </span>
  );
  return <TextControl {...props} hint={hint} placeholder="e.g. 2h" />;
}

let zones: string[] | null = null;
function timeZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return zones;
}

export function TimezoneControl(props: ControlProps) {
  const listId = useId();
  return (
    <>
      <datalist id={listId}>
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <TimezoneInput {...props} listId={listId} />
    </>
  );
}

function TimezoneInput({ spec, value, error, onChange, listId }: ControlProps & { listId: string }) {
  const id = useId();
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} error={error} hint="An IANA name, like America/Chicago">
      <input id={id} list={listId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} className={CONTROL} autoComplete="off" {...testIds(spec)} {...describe(id, error, true)} />
    </FieldChrome>
  );
}
