/**
 * Domain error codes shared by server and client. Services throw `AppError(code)`; the tRPC layer maps each
 * code to a transport code in exactly one place (server/trpc/error-map.ts).
 */
export const APP_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'INVALID_GRAPH',
  'PRECONDITION_FAILED',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
