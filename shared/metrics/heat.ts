/**
 * Canvas heatmap colouring: from per-step numbers to a colour, a label and a hover text per step. Pure, so the
 * canvas memoizes it on (data, mode) and a node only reads its own cell.
 */
import type { HeatmapMode } from './vocab.ts';

export interface StepHeatInput {
  stepId: string;
  runs: number;
  finished: number;
  failed: number;
  failureRate: number | null;
  retries: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface HeatCell {
  /** 0..1 position on the scale; null = no data for this step in this mode. */
  t: number | null;
  colour: string;
  /** Short text drawn on the node. */
  label: string;
  /** Every number, for the hover title. */
  detail: string;
}

/** Green → amber → red, as [r, g, b] stops. */
const STOPS: [number, [number, number, number]][] = [
  [0, [16, 185, 129]],
  [0.5, [245, 158, 11]],
  [1, [220, 38, 38]],
];
export const NO_DATA_COLOUR = '#d4d4d8';

export function heatColour(t: number): string {
  const x = Math.min(1, Math.max(0, t));
  for (let i = 1; i < STOPS.length; i++) {
    const [t1, c1] = STOPS[i]!;
    const [t0, c0] = STOPS[i - 1]!;
    if (x <= t1) {
      const f = (x - t0) / (t1 - t0);
      const c = c0.map((v, k) => Math.round(v + (c1[k]! - v) * f));
      return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    }
  }
  return 'rgb(220, 38, 38)';
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** The scale's top for a mode: failure rate is absolute (50% failing is as red as it gets); the others relative to the worst step. */
export function scaleMax(mode: HeatmapMode, steps: StepHeatInput[], gateIds: ReadonlySet<string>): number {
  if (mode === 'failure_rate') return 0.5;
  const values = steps.map((s) => valueOf(mode, s, gateIds)).filter((v): v is number => v !== null);
  return Math.max(0, ...values);
}

export function valueOf(mode: HeatmapMode, s: StepHeatInput, gateIds: ReadonlySet<string>): number | null {
  switch (mode) {
    case 'failure_rate':
      return s.failureRate;
    case 'p95_duration':
      return gateIds.has(s.stepId) ? null : s.p95Ms; // a gate's "duration" is a person's wait: its own mode
    case 'retries':
      return s.runs ? s.retries : null;
    case 'gate_wait':
      return gateIds.has(s.stepId) ? s.p95Ms : null;
  }
}

export function heatCells(mode: HeatmapMode, steps: StepHeatInput[], gateIds: ReadonlySet<string>): Map<string, HeatCell> {
  const max = scaleMax(mode, steps, gateIds);
  const cells = new Map<string, HeatCell>();
  for (const s of steps) {
    const v = valueOf(mode, s, gateIds);
    const detail = [
      `${s.runs} run${s.runs === 1 ? '' : 's'}, ${s.finished} finished, ${s.failed} failed${s.failureRate === null ? '' : ` (${pct(s.failureRate)})`}`,
      `${s.retries} retr${s.retries === 1 ? 'y' : 'ies'}`,
      s.p95Ms === null ? 'no timings' : `${gateIds.has(s.stepId) ? 'wait' : 'duration'} p50 ${formatMs(s.p50Ms ?? 0)}, p95 ${formatMs(s.p95Ms)}`,
    ].join(' · ');
    if (v === null) {
      cells.set(s.stepId, { t: null, colour: NO_DATA_COLOUR, label: 'no data', detail });
      continue;
    }
    const t = max > 0 ? Math.min(1, v / max) : 0;
    const label = mode === 'failure_rate' ? `${pct(v)} failed` : mode === 'retries' ? `${v} retr${v === 1 ? 'y' : 'ies'}` : `p95 ${formatMs(v)}`;
    cells.set(s.stepId, { t, colour: heatColour(t), label, detail });
  }
  return cells;
}

/** The legend's ends for a mode. */
export function legendEnds(mode: HeatmapMode, max: number): [string, string] {
  if (mode === 'failure_rate') return ['0%', '≥ 50%'];
  if (mode === 'retries') return ['0', String(max)];
  return ['0', formatMs(max)];
}
