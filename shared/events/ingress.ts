/**
 * The ingress's bounds (`POST /e/:key`), in one place: the server enforces them, the Settings page states them.
 * Sizes are bytes of the request body as sent (UTF-8 JSON).
 */
const KB = 1024;

export const INGRESS_LIMITS = {
  /** One request's body, checked while it streams in (413 past it). */
  maxRequestBytes: 1024 * KB,
  /** One event as JSON (413 past it). */
  maxEventBytes: 256 * KB,
  /** Events in one request (413 past it). */
  maxEvents: 100,
  /** Container nesting anywhere in the body (400 past it). */
  maxDepth: 64,
  /** The sender's own event id, before the ingress namespaces it by company. */
  maxIdLength: 200,
} as const;

/** Sustained events per second per key, and the burst a key may send at once (EMBER_INGEST_RATE / _BURST). */
export const INGRESS_RATE_DEFAULTS = { rate: 50, burst: 200 } as const;
