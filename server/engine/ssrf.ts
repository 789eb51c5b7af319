/** Moved to server/net/ssrf.ts; this type stays for server/inngest/functions/deps.ts until that file imports it there. */
export type { Allowlist } from '../../shared/net/allowlist.ts';
