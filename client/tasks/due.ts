/** "in 5 h", "in 3 days", "6 h late", "2 days late": a due date against `now` (pure, so it is tested). */
export function formatDue(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  const late = ms < 0;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const span = minutes < 60 ? `${Math.max(1, minutes)} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
  return late ? `${span} late` : `in ${span}`;
}
