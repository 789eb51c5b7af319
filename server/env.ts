/** Configuration from the environment, parsed once at boot. A bad value stops the process with a clear message. */
import { z } from 'zod';
import { parseAllowlist } from '../shared/net/allowlist.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  EMBER_DATA_DIR: z.string().min(1).default('./.data'),
  /** Unset: the embedded PostgreSQL under EMBER_DATA_DIR. Set: any Postgres, used as the owner for migrations. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  /** Seconds a session cookie stays valid. */
  SESSION_TTL_S: z.coerce.number().int().positive().default(14 * 24 * 3600),
  /** Serve the built SPA from this directory. */
  EMBER_STATIC_DIR: z.string().default('./dist'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Serve the demo retailer site (/demo-retailer: product pages and spec files for the seeded listings). */
  EMBER_DEMO_RETAILER: z.enum(['on', 'off']).default('on'),
  /** The event ingress's per-key rate: events/s sustained and the burst (read where used: server/http/ingress-rate.ts). */
  EMBER_INGEST_RATE: z.coerce.number().positive().finite().optional(),
  EMBER_INGEST_BURST: z.coerce.number().positive().finite().optional(),
  /** Host names and CIDRs outbound HTTP may reach despite the SSRF guard; read where used (shared/net/allowlist.ts). */
  EMBER_HTTP_ALLOWLIST: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseAllowlist(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
});
export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
