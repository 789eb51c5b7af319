import { describe, expect, it } from 'vitest';
import { isCelIdentifier, referenceProblems, stepPath, stepReferences } from './references.ts';

const scope = {
  steps: new Map([
    ['trigger', 'Trigger'],
    ['score', 'Score it'],
    ['transform-31libs', 'Old transform'],
    ['later', 'Runs after'],
  ]),
  upstream: new Set(['trigger', 'score', 'transform-31libs']),
};

describe('stepReferences', () => {
  it('finds dotted and bracketed references, inside has() too, with their place', () => {
    const expr = 'steps.score.n > 1 && steps["transform-31libs"].ok && has(steps.later.x)';
    const refs = stepReferences(expr)!;
    expect(refs.map((r) => r.stepId)).toEqual(['score', 'transform-31libs', 'later']);
    expect(expr.slice(refs[0]!.from, refs[0]!.to)).toBe('steps.score');
    expect(expr.slice(refs[1]!.from, refs[1]!.to)).toBe('steps["transform-31libs"]');
  });

  it('looks inside macros and leaves computed keys alone', () => {
    expect(stepReferences('event.data.items.all(i, i < steps.score.max)')!.map((r) => r.stepId)).toEqual(['score']);
    expect(stepReferences('steps[event.data.key].x')).toEqual([]);
    expect(stepReferences('event.data.steps.nosuch')).toEqual([]);
  });

  it('is null when the expression does not parse', () => {
    expect(stepReferences('steps.transform-31libs.score > 10')).toBeNull();
  });
});

describe('referenceProblems', () => {
  it('accepts references to upstream steps', () => {
    expect(referenceProblems('steps.score.n > 10 && steps["transform-31libs"].ok', scope)).toEqual([]);
  });

  it('names an unknown step', () => {
    const [p, ...rest] = referenceProblems('steps.nosuch.score > 10', scope);
    expect(rest).toEqual([]);
    expect(p).toEqual({ from: 0, to: 12, message: 'No step has the id "nosuch"' });
  });

  it('names a step that does not run before this one', () => {
    expect(referenceProblems('steps.later.x == 1', scope)[0]!.message).toBe('Step "later" (Runs after) does not run before this one, so steps.later is never set here');
  });

  it('points a dashed id read with a dot at its bracket form', () => {
    // Parses as steps.transform - abc.score: the step "transform" does not exist, "transform-abc" would.
    const s = { steps: new Map([['transform-abc', 'T']]), upstream: new Set(['transform-abc']) };
    expect(referenceProblems('steps.transform-abc.score > 1', s)[0]!.message).toBe('No step has the id "transform"; for step "transform-abc" write steps["transform-abc"]');
  });

  it('says nothing about an expression that does not parse (the syntax check does)', () => {
    expect(referenceProblems('steps.nosuch >', scope)).toEqual([]);
  });
});

describe('stepPath', () => {
  it('dots identifiers and brackets the rest', () => {
    expect(stepPath('transform_31libs')).toBe('steps.transform_31libs');
    expect(stepPath('transform-31libs')).toBe('steps["transform-31libs"]');
    expect(stepPath('in')).toBe('steps["in"]');
    expect(isCelIdentifier('9lives')).toBe(false);
  });
});
