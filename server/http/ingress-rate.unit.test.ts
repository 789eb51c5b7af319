import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingressRateFromEnv, ingressRateLimiter } from './ingress-rate.ts';

describe('ingress rate limit (token bucket per key)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('allows the burst at once, then the rate, per key; says when to retry', () => {
    const l = ingressRateLimiter({ rate: 10, burst: 30 });
    expect(l.take('k1', 30)).toEqual({ ok: true });
    expect(l.peek('k1')).toEqual({ ok: false, reason: 'rate limit reached', retryAfterS: 1 });
    expect(l.take('k1', 1)).toMatchObject({ ok: false, retryAfterS: 1 });
    // Another key has its own bucket.
    expect(l.take('k2', 30)).toEqual({ ok: true });
    vi.advanceTimersByTime(500);
    expect(l.take('k1', 5)).toEqual({ ok: true });
    expect(l.take('k1', 1)).toMatchObject({ ok: false });
    // 25 events need 2.5 s of refill: Retry-After rounds up.
    expect(l.take('k1', 25)).toEqual({ ok: false, reason: 'rate limit reached', retryAfterS: 3 });
    vi.advanceTimersByTime(2_500);
    expect(l.take('k1', 25)).toEqual({ ok: true });
  });

  it('never admits more than the burst in one request, and says so', () => {
    const l = ingressRateLimiter({ rate: 10, burst: 30 });
    expect(l.take('k', 31)).toEqual({ ok: false, retryAfterS: 4, reason: '31 events exceed the burst of 30 per key: send fewer per request' });
    expect(l.take('k', 30)).toEqual({ ok: true });
  });

  it('reads EMBER_INGEST_RATE / EMBER_INGEST_BURST, defaulting to 50/s and 200', () => {
    expect(ingressRateFromEnv({})).toEqual({ rate: 50, burst: 200 });
    expect(ingressRateFromEnv({ EMBER_INGEST_RATE: '5000', EMBER_INGEST_BURST: '20000' })).toEqual({ rate: 5000, burst: 20000 });
    expect(() => ingressRateFromEnv({ EMBER_INGEST_RATE: 'fast' })).toThrow('EMBER_INGEST_RATE must be a positive number, not "fast"');
    expect(() => ingressRateFromEnv({ EMBER_INGEST_BURST: '0' })).toThrow('EMBER_INGEST_BURST');
  });
});
