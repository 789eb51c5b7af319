import { z } from 'zod';
import { checkOutboundUrl } from '../../net/url.ts';
import { configuredAllowlist } from '../../net/allowlist.ts';
import { defineStep, str } from '../define-step.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The URL, by the SSRF guard's own rules (shared/net): syntax, http(s) only, no credentials, and no literal private
 * address or local name unless the deployment's allowlist covers it. What DNS will say is checked when it runs.
 */
const OutboundUrlSchema = z
  .string({ error: 'enter an http:// or https:// URL' })
  .max(2048)
  .superRefine((value, ctx) => {
    const verdict = checkOutboundUrl(value, configuredAllowlist());
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.reason });
  })
  .meta({ widget: 'url' });

/** RFC 7230 `token`: what a header name may be made of. */
const HeaderNameSchema = z
  .string()
  .max(256)
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, "a header name is letters, digits and !#$%&'*+-.^_`|~ only, without spaces or a colon");

const HeaderValueSchema = z
  .string()
  .max(4096)
  .regex(/^[^\r\n\0]*$/, 'a header value cannot contain a line break');

/** The request body, sent as application/json: it must parse. */
const JsonTextSchema = z
  .string()
  .max(1_000_000)
  .superRefine((value, ctx) => {
    try {
      JSON.parse(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `not valid JSON: ${(err as Error).message.slice(0, 200)}` });
    }
  });

export const httpRequestStep = defineStep({
  kind: 'http_request',
  type: 'action',
  title: 'HTTP request',
  icon: '🌐',
  category: 'Integrations',
  description: 'Calls an HTTP(S) endpoint. Private and internal addresses are refused.',
  config: z
    .object({
      method: z.enum(HTTP_METHODS).default('GET').describe('Method'),
      url: OutboundUrlSchema.describe('URL'),
      headers: z.record(HeaderNameSchema, HeaderValueSchema).default({}).describe('Headers'),
      body: JsonTextSchema.optional().describe('Body (JSON)'),
      timeoutMs: z.number().int().min(100).max(60_000).default(10_000).describe('Timeout (ms)'),
    })
    .strict(),
  defaultConfig: { method: 'GET', url: '', headers: {}, timeoutMs: 10_000 },
  output: () => z.object({ status: z.number(), body: z.unknown(), url: z.string() }),
  summary: (c) => `${str(c.method, 'GET')} ${str(c.url, 'no URL yet')}`,
});
