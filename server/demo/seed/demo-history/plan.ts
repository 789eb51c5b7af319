/**
 * The history of one company's demo workflows: run times spread over the last HISTORY_DAYS days (more on weekdays
 * and in working hours), each run simulated. Deterministic: the rng is seeded from the company and workflow, ids
 * are name-based, and times count back from `now`, so the same inputs plan the same runs.
 */
import { createHash } from 'node:crypto';
import type { Graph } from '../../../../shared/graph/schema.ts';
import { prng } from '../../../../shared/random/prng.ts';
import { HISTORY_DAYS, HISTORY_PROFILES, type HistoryProfile } from './profiles.ts';
import { simulateRun, type SimRun } from './simulate.ts';

export interface DemoWorkflowRow {
  id: string;
  name: string;
  versionId: string;
  graph: Graph;
}

export interface PlannedRun extends SimRun {
  id: string;
  workflowId: string;
  versionId: string;
  createdAt: Date;
  triggerRef: string;
  eventName: string;
  payload: Record<string, unknown>;
}

const DAY = 86_400_000;

export function planHistory(slug: string, workflows: readonly DemoWorkflowRow[], productIds: readonly string[], now: Date): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const wf of workflows) {
    const profile = HISTORY_PROFILES[wf.name];
    if (!profile) continue;
    const rng = prng(seedOf(`${slug}:${wf.name}`));
    runTimes(profile, now, rng).forEach((createdAt, n) => {
      const payload = profile.payload(rng, productIds, n);
      const sim = simulateRun(wf.graph, profile, payload, createdAt, rng);
      // The last hours' runs would still be waiting at a gate in real life; a seeded one is always finished, so
      // nothing waits on a decision no engine will act on.
      runs.push({
        ...sim,
        id: nameUuid(`ember-demo-run:${slug}:${wf.name}:${n}`),
        workflowId: wf.id,
        versionId: wf.versionId,
        createdAt,
        triggerRef: profile.triggerRef(n, String(payload.productId ?? n)),
        eventName: profile.eventName,
        payload,
      });
    });
  }
  return runs.filter((r) => r.finishedAt.getTime() < now.getTime());
}

/** Run start times, oldest first: a Poisson-ish count per day (weekends a third), within 7:00–19:00 UTC mostly. */
function runTimes(profile: HistoryProfile, now: Date, rng: () => number): Date[] {
  const times: Date[] = [];
  const today = Math.floor(now.getTime() / DAY) * DAY;
  for (let d = HISTORY_DAYS; d >= 0; d--) {
    const day = today - d * DAY;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const mean = profile.perDay * (weekend ? 0.35 : 1.2);
    const count = Math.max(0, Math.round(mean + (rng() - 0.5) * mean));
    const day0 = [];
    for (let i = 0; i < count; i++) {
      const hour = rng() < 0.85 ? 7 + rng() * 12 : rng() * 24;
      const t = day + Math.floor(hour * 3_600_000);
      if (t < now.getTime() - 3_600_000 && t > now.getTime() - HISTORY_DAYS * DAY) day0.push(t);
    }
    times.push(...day0.sort((a, b) => a - b).map((t) => new Date(t)));
  }
  return times;
}

function seedOf(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32LE(0);
}

/** A name-based (v5-shaped) uuid: the same run gets the same id on every seeding. */
export function nameUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
