/**
 * Who executes the functions, decided by configuration alone (ARCHITECTURE.md §2):
 * - embedded: no Inngest variables → the project's own executor, in-process, state in the app's Postgres;
 * - dev:      INNGEST_DEV=<url> → a Dev Server (or `npm run executor`) at that URL calls /api/inngest;
 * - cloud:    INNGEST_SIGNING_KEY (+ INNGEST_EVENT_KEY, INNGEST_BASE_URL for self-hosted) → real Inngest, signed.
 */
export type InngestMode = { kind: 'embedded' } | { kind: 'dev'; url: string } | { kind: 'cloud'; baseUrl?: string };

export function inngestModeFrom(env: NodeJS.ProcessEnv): InngestMode {
  if (env.INNGEST_SIGNING_KEY) return { kind: 'cloud', ...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}) };
  const dev = env.INNGEST_DEV;
  if (dev && dev !== '0' && dev !== 'false') return { kind: 'dev', url: /^https?:\/\//.test(dev) ? dev : 'http://127.0.0.1:8288' };
  return { kind: 'embedded' };
}
