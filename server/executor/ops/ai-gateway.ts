/**
 * `step.ai.infer` (op `AIGateway`, opts `{type: 'step.ai.infer', url, headers, auth_key, format, body}`): the
 * executor sends the model request itself and memoizes the provider's answer as `{data: <response JSON>}`.
 *
 * Follows inngest pkg/execution/executor/executor.go `handleGeneratorAIGateway` and pkg/execution/aigateway
 * (`SerializableRequest`): POST the body as JSON with the key where the format wants it (Anthropic: `x-api-key`;
 * Gemini: `?key=`; Bedrock: `Authorization` as given; others: `Authorization: Bearer`), then the model's own headers
 * (`anthropic-version`, …). A status above 299 or a network error is retried like a step error and finally memoized
 * as `{error: {name: 'AIGatewayError', message, stack: <response body>}}`.
 *
 * The configured Claude key and base URL (ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL, the variables
 * server/services/ai/config.ts reads, or what the executor is handed): a request the SDK's
 * `step.ai.models.anthropic()` aims at Anthropic's own API goes to the configured base URL when one is set, with
 * the configured key; with no base URL it goes to Anthropic with the app's key, or the configured one when the app
 * has none. The configured key is never sent anywhere else.
 */
import type { GuardedRequest, GuardedResponse } from '../../net/ssrf.ts';
import type { GatewayOutcome } from './gateway.ts';

export interface AnthropicConfig {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
}

const ANTHROPIC_ORIGIN = 'https://api.anthropic.com';
const INFER_TIMEOUT_MS = 300_000;
const INFER_MAX_BYTES = 4_000_000;

const fromEnv = (): AnthropicConfig => ({ apiKey: process.env.ANTHROPIC_API_KEY || undefined, baseURL: process.env.ANTHROPIC_BASE_URL || undefined });

/** The HTTP request for one `AIGateway` op. */
export function buildModelRequest(opts: Record<string, unknown>, configured: AnthropicConfig = fromEnv()): GuardedRequest {
  const format = String(opts.format ?? '');
  let url = new URL(String(opts.url ?? ''));
  let key = typeof opts.auth_key === 'string' ? opts.auth_key : '';
  if (format === 'anthropic' && url.origin === ANTHROPIC_ORIGIN) {
    if (configured.baseURL) {
      url = new URL(`${configured.baseURL.replace(/\/+$/, '')}${url.pathname}${url.search}`);
      key = configured.apiKey || key;
    } else {
      key = key || configured.apiKey || '';
    }
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  switch (format) {
    case 'anthropic':
      headers['x-api-key'] = key;
      break;
    case 'gemini':
      url.searchParams.set('key', key);
      break;
    case 'bedrock':
      headers.authorization = key;
      break;
    default:
      headers.authorization = `Bearer ${key}`;
  }
  for (const [k, v] of Object.entries((opts.headers ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  return { method: 'POST', url: url.toString(), headers, body: JSON.stringify(opts.body ?? {}), timeoutMs: INFER_TIMEOUT_MS, maxBytes: INFER_MAX_BYTES, maxRedirects: 0 };
}

/** The provider's answer as a memo, or an error worth another attempt (a status above 299, a body that is not JSON). */
export function modelOutcome(res: GuardedResponse, now: number): GatewayOutcome {
  if (res.status <= 299) {
    try {
      return { memo: { data: JSON.parse(res.body) as unknown } };
    } catch {
      return { retry: { name: 'AIGatewayError', message: 'Error making AI request: the response is not JSON', stack: res.body.slice(0, 10_000) } };
    }
  }
  const retryAfter = res.headers['retry-after'];
  const retryAfterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : retryAfter && !Number.isNaN(Date.parse(retryAfter)) ? Math.max(0, Date.parse(retryAfter) - now) : undefined;
  return {
    retry: { name: 'AIGatewayError', message: `Error making AI request: unsuccessful status code: ${res.status}`, stack: res.body.slice(0, 10_000) },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
