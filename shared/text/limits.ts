/**
 * How long the texts people type may be, and the one message for "too long". Forms show a counter against these
 * limits and refuse past them; the server's schemas refuse with the same words. Nothing is ever cut to fit.
 */
import { z } from 'zod';

export const TEXT_LIMITS = {
  workflowName: 120,
  workflowDescription: 2000,
  stepName: 120,
  publishMessage: 500,
  eventKeyName: 80,
} as const;

/**
 * "too long: at most 120 characters (this has 600)": names the limit and how far over the text is. (Not opening
 * with "at": a line that starts "at …" reads as a stack frame to the leak checks.)
 */
export function tooLongMessage(limit: number, length: number): string {
  return `too long: at most ${limit.toLocaleString('en-US')} characters (this has ${length.toLocaleString('en-US')})`;
}

/** The verdict a counter shows: null while within `limit`. */
export function lengthError(text: string, limit: number): string | null {
  return text.length > limit ? tooLongMessage(limit, text.length) : null;
}

/** A string at most `limit` characters long, refused past it with tooLongMessage. */
export function boundedString(limit: number) {
  return z.string().max(limit, { error: (iss) => tooLongMessage(limit, typeof iss.input === 'string' ? iss.input.length : limit + 1) });
}
