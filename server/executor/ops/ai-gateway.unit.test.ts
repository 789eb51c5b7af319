/** Where an AIGateway request goes and with which key: the configured Claude key is never sent anywhere else. */
import { describe, expect, it } from 'vitest';
import { buildModelRequest, modelOutcome } from './ai-gateway.ts';

// What step.ai.models.anthropic({model, defaultParameters}) puts in the op (node_modules/@inngest/ai/dist/models/anthropic.js).
const op = (over: Record<string, unknown> = {}) => ({
  type: 'step.ai.infer',
  url: 'https://api.anthropic.com/v1/messages',
  headers: { 'anthropic-version': '2023-06-01' },
  auth_key: 'app-key',
  format: 'anthropic',
  body: { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] },
  ...over,
});

describe('buildModelRequest', () => {
  it('sends Anthropic calls to the configured base URL with the configured key', () => {
    const req = buildModelRequest(op(), { apiKey: 'ops-key', baseURL: 'http://127.0.0.1:9999/' });
    expect(req).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:9999/v1/messages', maxRedirects: 0 });
    expect(req.headers).toMatchObject({ 'x-api-key': 'ops-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' });
    expect(JSON.parse(req.body!)).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 10 });
  });

  it("keeps the app's key for Anthropic itself, falling back to the configured one only when the app has none", () => {
    expect(buildModelRequest(op(), { apiKey: 'ops-key' }).headers!['x-api-key']).toBe('app-key');
    expect(buildModelRequest(op({ auth_key: '' }), { apiKey: 'ops-key' })).toMatchObject({ url: 'https://api.anthropic.com/v1/messages', headers: { 'x-api-key': 'ops-key' } });
  });

  it('never sends the configured key to a URL the app chose', () => {
    const req = buildModelRequest(op({ url: 'https://proxy.example/v1/messages', auth_key: '' }), { apiKey: 'ops-key', baseURL: 'http://127.0.0.1:9999' });
    expect(req.url).toBe('https://proxy.example/v1/messages');
    expect(req.headers!['x-api-key']).toBe('');
  });

  it("puts other formats' keys where Inngest's gateway does", () => {
    expect(buildModelRequest(op({ format: 'openai-chat', url: 'https://api.openai.com/v1/chat/completions' }), {}).headers!.authorization).toBe('Bearer app-key');
    expect(buildModelRequest(op({ format: 'gemini', url: 'https://generativelanguage.googleapis.com/v1beta/models/x:generateContent' }), {}).url).toMatch(/\?key=app-key$/);
  });
});

describe('modelOutcome', () => {
  const res = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, body, headers, url: 'http://x/', redirects: 0 });
  it('memoizes a 2xx JSON answer as {data}', () => {
    expect(modelOutcome(res(200, '{"id":"msg_1"}'), 0)).toEqual({ memo: { data: { id: 'msg_1' } } });
  });
  it('retries a status above 299, honouring retry-after', () => {
    expect(modelOutcome(res(429, '{"type":"error"}', { 'retry-after': '3' }), 0)).toMatchObject({
      retry: { name: 'AIGatewayError', message: 'Error making AI request: unsuccessful status code: 429', stack: '{"type":"error"}' },
      retryAfterMs: 3000,
    });
  });
});
