/**
 * The event key format: `ek_live_` + 40 characters of base64url (30 random bytes, 240 bits). Only the SHA-256 of a key
 * is stored; its first characters (`ek_live_ab12cd`) are kept to tell keys apart in the list. Pure, no I/O.
 */
import { createHash, randomBytes } from 'node:crypto';

export const EVENT_KEY_PREFIX = 'ek_live_';
/** A well-formed key; anything else is refused before the database is asked. */
export const EVENT_KEY_PATTERN = /^ek_live_[A-Za-z0-9_-]{40}$/;
/** How much of a key the list shows: the fixed part and six random characters. */
const SHOWN_CHARS = EVENT_KEY_PREFIX.length + 6;

export function generateEventKey(): { key: string; prefix: string; hash: string } {
  const key = `${EVENT_KEY_PREFIX}${randomBytes(30).toString('base64url')}`;
  return { key, prefix: key.slice(0, SHOWN_CHARS), hash: hashEventKey(key) };
}

export function hashEventKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isWellFormedEventKey(key: string): boolean {
  return EVENT_KEY_PATTERN.test(key);
}
