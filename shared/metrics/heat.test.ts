import { describe, expect, it } from 'vitest';
import { heatCells, heatColour, legendEnds, scaleMax } from './heat.ts';

const step = (stepId: string, o: Partial<{ runs: number; finished: number; failed: number; failureRate: number | null; retries: number; p50Ms: number | null; p95Ms: number | null }> = {}) => ({
  stepId, runs: 4, finished: 4, failed: 0, failureRate: 0, retries: 0, p50Ms: 100, p95Ms: 200, ...o,
});

describe('heat colouring', () => {
  it('runs green to amber to red', () => {
    expect(heatColour(0)).toBe('rgb(16, 185, 129)');
    expect(heatColour(0.5)).toBe('rgb(245, 158, 11)');
    expect(heatColour(1)).toBe('rgb(220, 38, 38)');
    expect(heatColour(7)).toBe('rgb(220, 38, 38)');
  });

  it('failure rate is absolute: 50% failing is full red, 0% green', () => {
    const cells = heatCells('failure_rate', [step('a'), step('b', { failed: 2, failureRate: 0.5 }), step('c', { failureRate: null, finished: 0 })], new Set());
    expect(cells.get('a')).toMatchObject({ t: 0, label: '0% failed' });
    expect(cells.get('b')).toMatchObject({ t: 1, colour: 'rgb(220, 38, 38)', label: '50% failed' });
    expect(cells.get('c')).toMatchObject({ t: null, label: 'no data' });
  });

  it('durations are relative to the slowest step; gates only in the gate-wait mode', () => {
    const steps = [step('a', { p95Ms: 500 }), step('b', { p95Ms: 1000 }), step('g', { p95Ms: 3_600_000 })];
    const gates = new Set(['g']);
    expect(scaleMax('p95_duration', steps, gates)).toBe(1000);
    const d = heatCells('p95_duration', steps, gates);
    expect(d.get('a')!.t).toBe(0.5);
    expect(d.get('g')!.t).toBeNull();
    const w = heatCells('gate_wait', steps, gates);
    expect(w.get('g')).toMatchObject({ t: 1, label: 'p95 1.0 h' });
    expect(w.get('a')!.t).toBeNull();
    expect(legendEnds('gate_wait', 3_600_000)).toEqual(['0', '1.0 h']);
  });

  it('retries scale to the most retried step and the hover text carries every number', () => {
    const cells = heatCells('retries', [step('a', { retries: 1 }), step('b', { retries: 4, failed: 1, failureRate: 0.25 })], new Set());
    expect(cells.get('a')!.t).toBe(0.25);
    expect(cells.get('b')!.detail).toBe('4 runs, 4 finished, 1 failed (25%) · 4 retries · duration p50 100 ms, p95 200 ms');
  });
});
