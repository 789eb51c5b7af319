import { useEffect, useState } from 'react';
import { formatAbsolute, formatRelative } from '../lib/relative-time.ts';

/** "3 min ago" that stays true while the page is open; the exact time is in the tooltip. */
export function RelativeTime({ value }: { value: string | Date }) {
  const date = new Date(value);
  const now = useNow(30_000);
  return (
    <time dateTime={date.toISOString()} title={formatAbsolute(date)}>
      {formatRelative(date, now)}
    </time>
  );
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
