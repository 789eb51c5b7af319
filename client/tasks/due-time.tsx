import { useEffect, useState } from 'react';
import { formatAbsolute } from '../lib/relative-time.ts';
import { formatDue } from './due.ts';

/** A due date that stays true while the page is open; late ones in red, the exact time in the tooltip. */
export function DueTime({ value }: { value: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  const due = new Date(value);
  return (
    <time dateTime={due.toISOString()} title={formatAbsolute(due)} className={due < now ? 'font-medium text-red-700' : undefined}>
      {formatDue(due, now)}
    </time>
  );
}
