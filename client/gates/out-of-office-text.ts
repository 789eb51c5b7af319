/** The sentences of "out of office" (for the person away and for their delegate), and the datetime-local format. */
import { formatAbsolute } from '../lib/relative-time.ts';

export interface DelegationLike {
  name: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
}

/** For the person away: where their approvals go, and for how long. */
export function awayText(d: DelegationLike): string {
  const until = formatAbsolute(new Date(d.endsAt));
  return d.active ? `Your approvals go to ${d.name} until ${until}.` : `From ${formatAbsolute(new Date(d.startsAt))} until ${until}, your approvals go to ${d.name}.`;
}

/** For the delegate: whose approvals they decide, and until when. */
export function standInText(d: DelegationLike): string {
  const until = formatAbsolute(new Date(d.endsAt));
  return d.active ? `You decide for ${d.name} until ${until}.` : `You will decide for ${d.name} from ${formatAbsolute(new Date(d.startsAt))} until ${until}.`;
}

/** A date as an <input type="datetime-local"> value, in the browser's time zone (the input has no zone of its own). */
export function toLocalInput(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** A datetime-local value read back as a moment (the browser reads a zone-less date-time as local); null when empty or unreadable. */
export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
