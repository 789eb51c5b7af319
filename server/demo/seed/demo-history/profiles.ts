/**
 * How each demo workflow behaves over its 30 days of made-up history: how often it runs, what starts it, which way
 * its conditions go, and how often each kind of step is slow, retried or fails. Only workflows named here get a
 * history; the numbers are picked to make the metrics, the heatmap and replay worth looking at, not to be precise.
 */
export interface HistoryProfile {
  /** Average runs per day (weekdays get more, weekends fewer). */
  perDay: number;
  eventName: string;
  /** The run's trigger_ref; `n` is its index, unique per workflow. */
  triggerRef: (n: number, productId: string) => string;
  payload: (rng: () => number, productIds: readonly string[], n: number) => Record<string, unknown>;
  /** The chance a condition step takes `yes`. */
  yesRate: number;
  /** The chance an approver approves. */
  approveRate: number;
}

export const HISTORY_DAYS = 30;

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

export const HISTORY_PROFILES: Record<string, HistoryProfile> = {
  'Post-enrichment review & publish': {
    perDay: 3,
    eventName: 'enrichment/job.completed',
    triggerRef: (n) => `enrichment:demo-job-${n}`,
    payload: (rng, products, n) => {
      const productIds = [pick(rng, products), pick(rng, products)].filter((v, i, a) => a.indexOf(v) === i);
      const pendingReview = rng() < 0.45 ? 1 + Math.floor(rng() * 4) : 0;
      return { jobId: `demo-job-${n}`, status: 'completed', productIds, stats: { products: productIds.length, applied: 6 - Math.min(pendingReview, 5), pendingReview, failed: 0 } };
    },
    yesRate: 0.55,
    approveRate: 0.8,
  },
  'Content-change guard': {
    perDay: 6,
    eventName: 'product/field.changed',
    triggerRef: (n, productId) => `field:${productId}:demo-${n}`,
    payload: (rng, products) => {
      const attribute = pick(rng, ['title', 'bullets', 'net_content'] as const);
      return { productId: pick(rng, products), changes: [{ attribute, old: 'before', new: 'after', channel: null, locale: null }] };
    },
    yesRate: 0.7,
    approveRate: 0.8,
  },
  'New product: images, enrichment and review': {
    perDay: 2,
    eventName: 'asset/uploaded',
    triggerRef: (n) => `event:demo-asset-${n}`,
    payload: (rng, products, n) => ({ assetId: `demo-asset-${n}`, productId: pick(rng, products), intendedRole: 'main', format: pick(rng, ['jpeg', 'png'] as const) }),
    yesRate: 0.4,
    approveRate: 0.75,
  },
};

/** Per step kind: how long an attempt takes (ms, log-uniform between the two), and how often it fails or is retried. */
export const KIND_BEHAVIOUR: Record<string, { ms: [number, number]; failRate: number; retryRate: number; invokes?: boolean; claude?: boolean }> = {
  // A transform fails only when its CEL does (computed in simulate.ts), never at random: the engine's would not.
  transform: { ms: [4, 40], failRate: 0, retryRate: 0 },
  condition: { ms: [3, 25], failRate: 0, retryRate: 0 },
  emit_event: { ms: [15, 120], failRate: 0.02, retryRate: 0.03 },
  create_task: { ms: [25, 180], failRate: 0.01, retryRate: 0.02 },
  run_audit: { ms: [700, 5000], failRate: 0.05, retryRate: 0.1, invokes: true },
  validate_images: { ms: [900, 7000], failRate: 0.06, retryRate: 0.1, invokes: true },
  enrich_products: { ms: [18_000, 95_000], failRate: 0.09, retryRate: 0.15, invokes: true, claude: true },
};

export const FAILURES: Record<string, string[]> = {
  run_audit: ['audit service timed out after 30s', 'catalog read failed: connection reset'],
  validate_images: ['image could not be decoded: truncated JPEG', 'asset not found in the store'],
  enrich_products: ['Claude answered 529: overloaded', 'Claude answered 429: rate limited (retry-after 20s)', 'output did not match the schema after one repair'],
  emit_event: ['event API answered 503'],
  create_task: ['could not route the task: no assignee for role editor'],
  transform: ["no such key: 'jobId'"],
};
