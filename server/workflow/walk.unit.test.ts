/** The walk's semantics with a fake runner: which steps run, which are skipped, and why. */
import { describe, expect, it } from 'vitest';
import { cond, delay, edge, gate, graph, trig } from '../../shared/graph/fixtures.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { walkDag, type NodeRunner } from './walk.ts';
import type { RunVars } from './vars.ts';

function fakeRunner(branches: Record<string, 'yes' | 'no'> = {}, failing: string[] = []) {
  const log: string[] = [];
  const runner: NodeRunner = {
    async run(step: Step) {
      log.push(`run:${step.id}`);
      await Promise.resolve();
      if (failing.includes(step.id)) throw new Error(`${step.id} broke`);
      return { output: step.id, ...(branches[step.id] ? { branch: branches[step.id]! } : {}) };
    },
    async skip(step, reason) {
      log.push(`skip:${step.id}:${reason.split(':')[0]}`);
    },
    async fail(step) {
      log.push(`fail:${step.id}`);
    },
  };
  return { runner, log };
}
const vars: RunVars = { event: { name: 'x', data: {} }, steps: {}, data: {}, run: { id: 'r', workflowId: 'w' } };

describe('walkDag', () => {
  it('skips the untaken branch and everything only reachable through it, but runs a join with one taken parent', async () => {
    const g = graph([trig(), cond('c'), delay('y'), delay('n'), delay('n2'), delay('j')], [
      edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no'), edge('n', 'n2'), edge('y', 'j'), edge('n2', 'j'),
    ]);
    const { runner, log } = fakeRunner({ c: 'yes' });
    const res = await walkDag(g, runner, vars);
    expect(res.status).toBe('completed');
    expect(log.filter((l) => l.startsWith('run')).sort()).toEqual(['run:c', 'run:j', 'run:y']);
    expect(log.filter((l) => l.startsWith('skip')).sort()).toEqual(['skip:n2:branch not taken', 'skip:n:branch not taken']);
    expect(log.indexOf('run:j')).toBeGreaterThan(log.indexOf('skip:n2:branch not taken'));
  });

  it('a gate rejected with no "no" edge ends that path', async () => {
    const g = graph([trig(), gate('g'), delay('after')], [edge('t', 'g'), edge('g', 'after', 'yes')]);
    const { runner, log } = fakeRunner({ g: 'no' });
    await walkDag(g, runner, vars);
    expect(log).toEqual(['run:g', 'skip:after:branch not taken']);
  });

  it('a failure fails the run and skips what had not started', async () => {
    const g = graph([trig(), delay('a'), delay('b'), delay('c')], [edge('t', 'a'), edge('a', 'b'), edge('b', 'c')]);
    const { runner, log } = fakeRunner({}, ['a']);
    const res = await walkDag(g, runner, vars);
    expect(res).toMatchObject({ status: 'failed', failedStep: 'a', error: { message: 'a broke' } });
    expect(log).toEqual(['run:a', 'fail:a', 'skip:b:run failed at "a"', 'skip:c:run failed at "a"']);
  });

  it('passes earlier outputs and run data to later steps', async () => {
    const seen: RunVars[] = [];
    const runner: NodeRunner = {
      async run(step, v) {
        seen.push(v);
        return { output: `${step.id}-out`, data: { [step.id]: true } };
      },
      async skip() {},
      async fail() {},
    };
    await walkDag(graph([trig(), delay('a'), delay('b')], [edge('t', 'a'), edge('a', 'b')]), runner, { ...vars, event: { name: 'e', data: { k: 1 } } });
    expect(seen[1]).toMatchObject({ steps: { t: { k: 1 }, a: 'a-out' }, data: { a: true } });
  });
});
