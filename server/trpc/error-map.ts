/** The one place domain error codes become transport codes. */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { AppError, type AppErrorCode } from '../../shared/errors.ts';

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
