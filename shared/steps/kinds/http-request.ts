import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

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
      url: z
        .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
        .max(2048)
        .describe('URL'),
      headers: z.record(z.string().max(256), z.string().max(4096)).default({}).describe('Headers'),
      body: z.string().max(1_000_000).optional().describe('Body'),
      timeoutMs: z.number().int().min(100).max(60_000).default(10_000).describe('Timeout (ms)'),
    })
    .strict(),
  defaultConfig: { method: 'GET', url: '', headers: {}, timeoutMs: 10_000 },
  summary: (c) => `${str(c.method, 'GET')} ${str(c.url, 'no URL yet')}`,
});
