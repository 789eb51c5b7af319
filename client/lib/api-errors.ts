/** Reads what the server put on a failed tRPC call (see server/trpc/init.ts errorFormatter) without trusting its shape. */

export interface ApiErrorInfo {
  /** tRPC code such as 'BAD_REQUEST', 'FORBIDDEN', 'UNAUTHORIZED'; null for network failures and the unknown. */
  code: string | null;
  message: string;
  /** Field errors keyed by dotted input path, only for malformed input. */
  fieldErrors: Record<string, string[]>;
}

const NETWORK_MESSAGE = 'Could not reach the server. Check your connection and try again.';

export function apiError(err: unknown): ApiErrorInfo {
  if (!err || typeof err !== 'object') return { code: null, message: 'Something went wrong.', fieldErrors: {} };
  const data = 'data' in err && err.data && typeof err.data === 'object' ? (err.data as Record<string, unknown>) : null;
  const code = typeof data?.code === 'string' ? data.code : null;
  const fieldErrors = isFieldErrors(data?.fieldErrors) ? data.fieldErrors : {};
  const raw = err instanceof Error ? err.message : '';
  // A fetch that never reached the server has no tRPC data; the browser's message ("Failed to fetch") helps nobody.
  const message = !data && (raw === '' || /fetch|network/i.test(raw)) ? NETWORK_MESSAGE : sentence(raw || 'Something went wrong.');
  return { code, message, fieldErrors };
}

/** First error for a field, as a sentence, or undefined. */
export function fieldError(info: ApiErrorInfo | null, field: string): string | undefined {
  const first = info?.fieldErrors[field]?.[0];
  return first ? sentence(first) : undefined;
}

function sentence(s: string): string {
  const t = s.trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function isFieldErrors(v: unknown): v is Record<string, string[]> {
  return !!v && typeof v === 'object' && Object.values(v).every((a) => Array.isArray(a) && a.every((m) => typeof m === 'string'));
}
