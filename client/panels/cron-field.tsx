/** A cron schedule, with the next three times it fires (in the workflow's time zone) so the pattern reads true. */
import { Cron } from 'croner';
import { useId } from 'react';
import { describe, FieldChrome, MONO_CONTROL, type ControlProps } from './field-chrome.tsx';

/** The next `n` fire times of `expr` in `timezone`, or why there are none. */
export function nextFireTimes(expr: string, timezone: string | undefined, n = 3, from?: Date): { times: Date[] } | { error: string } {
  if (!expr.trim()) return { error: 'Enter five fields: minute hour day month weekday' };
  if (expr.trim().split(/\s+/).length !== 5) return { error: 'Use five fields: minute hour day month weekday' };
  try {
    const job = new Cron(expr.trim(), { ...(timezone ? { timezone } : {}), paused: true });
    const times = job.nextRuns(n, from);
    return times.length ? { times } : { error: 'This schedule never fires' };
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^Cron\w*:\s*/, '') : 'invalid pattern';
    return { error: /timezone/i.test(message) ? 'Pick a valid time zone to see the next runs' : `Not a valid schedule: ${message}` };
  }
}

export function formatFireTime(date: Date, timezone: string | undefined): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...opts, ...(timezone ? { timeZone: timezone } : {}) }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, opts).format(date);
  }
}

export function CronControl({ spec, value, error, onChange, timezone }: ControlProps & { timezone?: string }) {
  const id = useId();
  const text = typeof value === 'string' ? value : '';
  const next = nextFireTimes(text, timezone);
  const shown = error ?? ('error' in next && text.trim() ? next.error : undefined);
  const hint =
    'times' in next ? (
      <span data-testid={`field-${spec.name}-next`}>
        Next:{' '}
        {next.times.map((t, i) => (
          <span key={t.toISOString()}>
            {i > 0 && ', '}
            <time dateTime={t.toISOString()}>{formatFireTime(t, timezone)}</time>
          </span>
        ))}
      </span>
    ) : (
      'minute hour day month weekday, e.g. 0 9 * * 1 for Mondays at 9:00'
    );
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={shown}>
      <input
        id={id}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        placeholder="0 9 * * 1"
        className={MONO_CONTROL}
        data-testid={`field-${spec.name}`}
        data-field={spec.name}
        {...describe(id, shown, true)}
      />
    </FieldChrome>
  );
}
