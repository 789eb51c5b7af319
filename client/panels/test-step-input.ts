/**
 * The input a step is tested with, as the server's workflows.testStep takes it: the trigger event, upstream steps'
 * outputs by id, and the run's data. Built from the workflow's last run (what really flowed) or from a sample shaped
 * like the trigger; either way shown as JSON the user may edit. Pure.
 */
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { samplePayload } from '../runs/sample-payload.ts';

export interface TestInput {
  event: { name: string; data: Record<string, unknown> };
  steps: Record<string, unknown>;
  data: Record<string, unknown>;
}

interface RunLike {
  run: { triggerPayload: Record<string, unknown>; triggerEventName: string | null; triggerType: string };
  steps: readonly { stepId: string; status: string; output?: unknown }[];
  version: { graph: { steps: readonly { id: string; kind: string; type: string }[] } };
}

/** What the run had: every completed step's output (the trigger's aside), and the data transforms merged in. */
export function inputFromRun(r: RunLike): TestInput {
  const kinds = new Map(r.version.graph.steps.map((s) => [s.id, s]));
  const steps: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  for (const row of r.steps) {
    const step = kinds.get(row.stepId);
    if (row.status !== 'completed' || !step || step.type === 'trigger') continue;
    steps[row.stepId] = row.output ?? null;
    if (step.kind === 'transform' && row.output && typeof row.output === 'object') Object.assign(data, row.output);
  }
  return { event: { name: r.run.triggerEventName ?? r.run.triggerType, data: r.run.triggerPayload }, steps, data };
}

export function sampleInput(trigger: TriggerConfig): TestInput {
  return { event: { name: trigger.type === 'event' ? trigger.event : trigger.type, data: samplePayload(trigger) }, steps: {}, data: {} };
}

/** The edited JSON back to an input, or what is wrong with it. */
export function parseTestInput(text: string): { input: TestInput } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return { error: `Not JSON: ${(err as Error).message}` };
  }
  const o = v as Partial<TestInput> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { error: 'Expected an object with event, steps and data' };
  const ev = o.event as Partial<TestInput['event']> | undefined;
  if (!ev || typeof ev !== 'object' || typeof ev.name !== 'string' || !ev.name || !ev.data || typeof ev.data !== 'object' || Array.isArray(ev.data)) {
    return { error: 'event needs a name and a data object' };
  }
  const isObj = (x: unknown) => x === undefined || (!!x && typeof x === 'object' && !Array.isArray(x));
  if (!isObj(o.steps) || !isObj(o.data)) return { error: 'steps and data must be objects' };
  return { input: { event: { name: ev.name, data: ev.data }, steps: o.steps ?? {}, data: o.data ?? {} } };
}
