import { httpRequestStep } from '../../../shared/steps/kinds/http-request.ts';
import { guardedFetch, SsrfError } from '../../net/ssrf.ts';
import { defineHandler, PermanentStepError } from './types.ts';

/**
 * Calls the configured URL through the SSRF guard. Retried on network errors and 5xx; 4xx and refused addresses fail
 * at once. An Idempotency-Key header (run + step) lets the receiving API drop a retried duplicate.
 */
export const httpRequestHandler = defineHandler(httpRequestStep, async (ctx, config) => {
  let res;
  try {
    res = await guardedFetch({
      method: config.method,
      url: config.url,
      headers: { 'idempotency-key': `${ctx.runId}:${ctx.stepId}`, ...(config.body !== undefined ? { 'content-type': 'application/json' } : {}), ...config.headers },
      ...(config.body !== undefined ? { body: config.body } : {}),
      timeoutMs: config.timeoutMs,
    });
  } catch (err) {
    if (err instanceof SsrfError) throw new PermanentStepError(`refused: ${err.message}`);
    throw err;
  }
  if (res.status >= 500) throw new Error(`${config.method} ${config.url} answered ${res.status}`);
  if (res.status >= 400) throw new PermanentStepError(`${config.method} ${config.url} answered ${res.status}: ${res.body.slice(0, 200)}`);
  let body: unknown = res.body;
  if ((res.headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(res.body);
    } catch {
      /* keep the text */
    }
  }
  return { output: { status: res.status, body, url: res.url } };
});
