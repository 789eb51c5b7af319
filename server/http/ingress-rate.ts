/**
 * Per-key rate limit of the ingress: a token bucket per event key, in this process's memory (`limiter`'s
 * TokenBucket), `rate` events per second sustained with bursts up to `burst`. One token per event, so a batch of 100
 * costs what 100 single requests cost. Several processes each allow the rate: the bound is per process.
 */
import { TokenBucket } from 'limiter';
import { INGRESS_RATE_DEFAULTS } from '../../shared/events/ingress.ts';

export interface IngressRate {
  /** Events per second, sustained. */
  rate: number;
  /** Events a key may send at once after being idle. */
  burst: number;
}

/** EMBER_INGEST_RATE / EMBER_INGEST_BURST (server/env.ts checks them at boot with this same rule). */
export function ingressRateFromEnv(env: NodeJS.ProcessEnv = process.env): IngressRate {
  return { rate: positive(env.EMBER_INGEST_RATE, 'EMBER_INGEST_RATE') ?? INGRESS_RATE_DEFAULTS.rate, burst: positive(env.EMBER_INGEST_BURST, 'EMBER_INGEST_BURST') ?? INGRESS_RATE_DEFAULTS.burst };
}

export function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return n;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number; reason: string };

export function ingressRateLimiter(limits: IngressRate) {
  const buckets = new Map<string, TokenBucket>();
  const bucketOf = (keyId: string) => {
    let b = buckets.get(keyId);
    if (!b) {
      // limiter's buckets start empty; a key that has not sent anything yet has its whole burst.
      b = new TokenBucket({ bucketSize: limits.burst, tokensPerInterval: limits.rate, interval: 'second' });
      b.content = limits.burst;
      buckets.set(keyId, b);
      if (buckets.size > 10_000) sweep();
    }
    return b;
  };
  // A bucket that has refilled completely carries no state: dropping it keeps the map as small as the busy keys.
  const sweep = () => {
    for (const [id, b] of buckets) {
      b.drip();
      if (b.content >= b.bucketSize) buckets.delete(id);
    }
  };
  const refuse = (b: TokenBucket, count: number, reason: string): RateDecision => ({ ok: false, reason, retryAfterS: Math.max(1, Math.ceil(b.getWaitTime(Math.min(count, b.bucketSize)) / 1000)) });

  return {
    /** Cheap check before reading a body: is there at least one token? Takes nothing. */
    peek(keyId: string): RateDecision {
      const b = bucketOf(keyId);
      b.drip();
      return b.content >= 1 ? { ok: true } : refuse(b, 1, 'rate limit reached');
    },
    /** Takes `count` tokens, all or none. */
    take(keyId: string, count: number): RateDecision {
      const b = bucketOf(keyId);
      if (count > b.bucketSize) return { ok: false, retryAfterS: Math.max(1, Math.ceil(count / limits.rate)), reason: `${count} events exceed the burst of ${limits.burst} per key: send fewer per request` };
      return b.tryRemoveTokens(count) ? { ok: true } : refuse(b, count, 'rate limit reached');
    },
  };
}
export type IngressRateLimiter = ReturnType<typeof ingressRateLimiter>;
