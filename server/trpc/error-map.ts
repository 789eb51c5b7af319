/**
 * The one place errors become what a caller sees. Domain error codes map to transport codes; malformed input stays
 * BAD_REQUEST with its field errors; anything else (a database error, a bug) is INTERNAL_SERVER_ERROR with a generic
 * message and a correlation id, while the real error goes to the server log under that id. No SQL, stack, file path
 * or driver text ever reaches a client.
 */
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { DrizzleQueryError } from 'drizzle-orm';
import postgres from 'postgres';
import { ZodRealError, type ZodError } from 'zod';
import { AppError, type AppErrorCode } from '../../shared/errors.ts';
import { describeHostile, formatInputPath, type HostileIssue } from '../../shared/input/hostile.ts';

export const APP_TO_TRPC = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_INPUT: 'BAD_REQUEST',
  INVALID_GRAPH: 'BAD_REQUEST',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
} as const satisfies Record<AppErrorCode, TRPC_ERROR_CODE_KEY>;

export function toTRPCError(err: unknown): unknown {
  if (err instanceof AppError) return new TRPCError({ code: APP_TO_TRPC[err.code], message: err.message, cause: err });
  return err;
}

/** Stands in for an unexpected error once it is logged: carries only the correlation id. */
export class InternalErrorRef extends Error {
  constructor(readonly ref: string) {
    super(internalMessage(ref));
    this.name = 'InternalErrorRef';
  }
}

export function internalMessage(ref: string): string {
  return `Something went wrong on our side (reference ${ref}).`;
}

const reported = new WeakMap<object, string>();

/**
 * Logs an unexpected error with a fresh correlation id (`err_` + 16 hex) and returns the id; the same error object
 * reported again (the middleware, then the HTTP adapter's onError and formatter) keeps its first id and is logged once.
 */
export function reportInternal(err: unknown, where: string): string {
  if (err instanceof InternalErrorRef) return err.ref;
  const key = typeof err === 'object' && err !== null ? err : null;
  const known = key ? reported.get(key) : undefined;
  if (known) return known;
  const ref = `err_${randomBytes(8).toString('hex')}`;
  if (key) reported.set(key, ref);
  console.error(`[${where}] ${ref}`, err);
  return ref;
}

/**
 * A driver or query error (its message is SQL or server text), or a programming error (a TypeError thrown inside a
 * zod refinement, a stack overflow), anywhere in the cause chain: never the caller's to read, whatever the code.
 */
function isInternalCause(err: unknown): boolean {
  for (let e = err, i = 0; e instanceof Error && i < 8; e = e.cause, i++) {
    if (e instanceof postgres.PostgresError || e instanceof DrizzleQueryError) return true;
    if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return true;
  }
  return false;
}

/**
 * What a caller may see of `error`: a typed AppError as its transport code, a deliberate TRPCError (NOT_FOUND,
 * FORBIDDEN, BAD_REQUEST with its ZodError…) as it is, and anything else as INTERNAL_SERVER_ERROR with a reference.
 */
export function toPublicError(error: TRPCError, where: string): TRPCError {
  const cause = error.cause;
  if (cause instanceof AppError) return toTRPCError(cause) as TRPCError;
  if (cause instanceof InternalErrorRef) return error;
  if (error.code !== 'INTERNAL_SERVER_ERROR' && !isInternalCause(cause)) return error;
  const ref = reportInternal(cause ?? error, where);
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: internalMessage(ref), cause: new InternalErrorRef(ref) });
}

/** BAD_REQUEST for input the hostile-input guard refused, shaped like a zod failure (field errors by path). */
export function hostileInputError(issue: HostileIssue): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: `Invalid input: ${describeHostile(issue)}`,
    // ZodRealError: the Error subclass zod's parse throws (a plain ZodError is not an Error, and tRPC would wrap it).
    cause: new ZodRealError([{ code: 'custom', path: issue.path, message: issue.message, input: undefined, params: { reason: issue.reason } }]),
  });
}

/** Field errors keyed by dotted path, so forms can show them where the user is looking. */
export function fieldErrors(err: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of err.issues) (out[formatInputPath(issue.path.map((k) => (typeof k === 'number' ? k : String(k))))] ??= []).push(issue.message);
  return out;
}
