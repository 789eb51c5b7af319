/**
 * `GET /metrics`: the engine's counters for a Prometheus scraper. Access:
 * - `EMBER_METRICS_TOKEN` set → `Authorization: Bearer <token>` is required (Prometheus `authorization` /
 *   `bearer_token_file`), compared in constant time; anyone else gets 401.
 * - unset → only loopback peers (a scraper or sidecar on the same host) are answered; others get 403. The numbers
 *   are per-function totals without tenant data, but queue depth and run counts are still operational detail that
 *   should not be public by accident, and the app usually listens on 0.0.0.0.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type postgres from 'postgres';
import { engineMetrics, renderPrometheus, type EngineQueue } from '../services/metrics/prometheus.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function metricsAccess(req: http.IncomingMessage, token: string | undefined): 'ok' | 401 | 403 {
  if (token) {
    const got = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
    // Hash both sides so the comparison is constant-time whatever the lengths.
    const a = createHash('sha256').update(got).digest();
    const b = createHash('sha256').update(token).digest();
    return got && timingSafeEqual(a, b) ? 'ok' : 401;
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? '') ? 'ok' : 403;
}

/** `queue`: the embedded executor, when one runs in this process (its queue gauges); null otherwise. */
export async function handleMetricsRequest(sql: postgres.Sql, req: http.IncomingMessage, res: http.ServerResponse, queue: EngineQueue | null = null): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const access = metricsAccess(req, process.env.EMBER_METRICS_TOKEN || undefined);
  if (access === 401) {
    res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain' }).end('a bearer token is required\n');
    return;
  }
  if (access === 403) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('metrics are served to loopback only; set EMBER_METRICS_TOKEN to scrape remotely\n');
    return;
  }
  try {
    const body = renderPrometheus(await engineMetrics(sql, queue));
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    console.error('[metrics]', err);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
  }
}
