import { describe, expect, it } from 'vitest';
import { DEMO_WORKFLOWS } from '../demo-workflows.ts';
import { planHistory, type DemoWorkflowRow } from './plan.ts';

const now = new Date('2026-03-16T12:00:00Z');
const workflows: DemoWorkflowRow[] = DEMO_WORKFLOWS['copper-kettle']!.filter((w) => w.enabled).map((w, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, name: w.name, versionId: `v${i}`, graph: w.graph }));
const products = ['p1', 'p2', 'p3'];

describe('demo history plan', () => {
  it('is the same every time for the same company, workflows and clock', () => {
    expect(planHistory('copper-kettle', workflows, products, now)).toEqual(planHistory('copper-kettle', workflows, products, now));
  });

  it('spreads finished runs over 30 days, with failures, retries, decided gates and costs', () => {
    const runs = planHistory('copper-kettle', workflows, products, now);
    const DAY = 86_400_000;
    expect(Math.min(...runs.map((r) => r.createdAt.getTime()))).toBeLessThan(now.getTime() - 25 * DAY);
    expect(runs.every((r) => r.finishedAt < now && r.createdAt.getTime() > now.getTime() - 30 * DAY)).toBe(true);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(runs.some((r) => r.status === 'failed') && runs.some((r) => r.status === 'completed')).toBe(true);
    expect(runs.some((r) => r.steps.some((s) => s.status === 'completed' && s.attempts > 1))).toBe(true);
    expect(runs.some((r) => r.gates.some((g) => g.decision === 'rejected'))).toBe(true);
    expect(runs.some((r) => r.claude.costUsd > 0)).toBe(true);
    // A failed run failed at exactly one step and skipped what came after it.
    for (const r of runs.filter((x) => x.status === 'failed')) expect(r.steps.filter((s) => s.status === 'failed')).toHaveLength(1);
  });
});
