import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-endpoint.ts';

const req = (remoteAddress: string, authorization?: string) => ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as http.IncomingMessage;

describe('GET /metrics access', () => {
  it('without EMBER_METRICS_TOKEN, answers loopback peers only', () => {
    expect(metricsAccess(req('127.0.0.1'), undefined)).toBe('ok');
    expect(metricsAccess(req('::1'), undefined)).toBe('ok');
    expect(metricsAccess(req('::ffff:127.0.0.1'), undefined)).toBe('ok');
    expect(metricsAccess(req('10.0.0.7'), undefined)).toBe(403);
    expect(metricsAccess(req('10.0.0.7', 'Bearer anything'), undefined)).toBe(403);
  });

  it('with a token, requires it as a bearer token from anywhere, loopback included', () => {
    expect(metricsAccess(req('10.0.0.7', 'Bearer s3cret'), 's3cret')).toBe('ok');
    expect(metricsAccess(req('10.0.0.7', 'bearer s3cret'), 's3cret')).toBe('ok');
    expect(metricsAccess(req('127.0.0.1'), 's3cret')).toBe(401);
    expect(metricsAccess(req('10.0.0.7', 'Bearer wrong'), 's3cret')).toBe(401);
    expect(metricsAccess(req('10.0.0.7', 'Basic czNjcmV0'), 's3cret')).toBe(401);
    expect(metricsAccess(req('10.0.0.7', 'Bearer '), 's3cret')).toBe(401);
  });
});
