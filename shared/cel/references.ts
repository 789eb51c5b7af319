/**
 * Which steps an expression reads, and whether it may. `steps.<id>` holds only the outputs of steps that finished
 * before this one, so a reference to a step that does not exist, or that does not run before the one holding the
 * expression, can only ever read nothing: the canvas flags it as you type and validation refuses it at publish,
 * from this one function.
 */
import { parse, type ASTNode } from '@marcbachmann/cel-js';

export interface StepReference {
  stepId: string;
  /** Where `steps.<id>` (or `steps["<id>"]`) sits in the expression, for an editor to underline. */
  from: number;
  to: number;
}

export interface CelProblem {
  message: string;
  from: number;
  to: number;
}

/** What an expression may see: every step of the graph, and of those the ones that run before it. */
export interface ReferenceScope {
  /** Step ids in the graph, with their names for messages. */
  steps: ReadonlyMap<string, string>;
  /** The ids whose output is set when the expression runs (its step's ancestors). */
  upstream: ReadonlySet<string>;
}

/**
 * The editor revalidates the whole graph on every edit (a drag's every frame), so each expression is parsed once:
 * results are cached by text, bounded like evaluate.ts's program cache.
 */
const cache = new Map<string, StepReference[] | null>();

/** A scope whose upstream set is computed only when an expression reads a step (most read only the event). */
export interface LazyScope {
  steps: ReadonlyMap<string, string>;
  upstream: () => ReadonlySet<string>;
}

/** Every literal step reference; null when the expression does not parse (the syntax check speaks then). */
export function stepReferences(expression: string): StepReference[] | null {
  let refs = cache.get(expression);
  if (refs === undefined) {
    refs = findReferences(expression);
    if (cache.size > 5000) cache.clear();
    cache.set(expression, refs);
  }
  return refs;
}

function findReferences(expression: string): StepReference[] | null {
  let ast: ASTNode;
  try {
    ast = parse(expression).ast;
  } catch {
    return null;
  }
  const out: StepReference[] = [];
  walk(ast, out);
  return out;
}

function walk(node: ASTNode, out: StepReference[]): void {
  const ref = asStepReference(node);
  if (ref) {
    out.push(ref);
    return;
  }
  const args: unknown = node.args;
  const kids = Array.isArray(args) ? args.flat(2) : [args];
  for (const kid of kids) if (isNode(kid)) walk(kid, out);
}

function isNode(v: unknown): v is ASTNode {
  return !!v && typeof v === 'object' && 'op' in v && 'args' in v;
}

/** `steps.x`, `steps.?x`, `steps["x"]`, `steps[?"x"]`; a computed key (`steps[k]`) cannot be checked and is left alone. */
function asStepReference(node: ASTNode): StepReference | null {
  if (node.op === '.' || node.op === '.?') {
    const [target, name] = node.args as [ASTNode, string];
    if (isStepsRoot(target)) return { stepId: name, from: node.range.start, to: node.range.end };
  }
  if (node.op === '[]' || node.op === '[?]') {
    const [target, index] = node.args as [ASTNode, ASTNode];
    if (isStepsRoot(target) && index.op === 'value' && typeof index.args === 'string') return { stepId: index.args, from: node.range.start, to: node.range.end };
  }
  return null;
}

function isStepsRoot(node: ASTNode): boolean {
  return node.op === 'id' && node.args === 'steps';
}

/** How to write a reference to `stepId` so that it parses: dotted when the id is a CEL identifier, bracketed otherwise. */
export function stepPath(stepId: string): string {
  return isCelIdentifier(stepId) ? `steps.${stepId}` : `steps[${JSON.stringify(stepId)}]`;
}

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

export function isCelIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name);
}

/** The reference problems of an expression within `scope`; none when it does not parse. `upstream` may be lazy. */
export function referenceProblems(expression: string, scope: ReferenceScope | LazyScope): CelProblem[] {
  const refs = stepReferences(expression) ?? [];
  if (!refs.length) return [];
  const upstream = typeof scope.upstream === 'function' ? scope.upstream() : scope.upstream;
  const problems: CelProblem[] = [];
  for (const ref of refs) {
    const name = scope.steps.get(ref.stepId);
    if (name === undefined) {
      problems.push({ from: ref.from, to: ref.to, message: unknownStepMessage(ref.stepId, scope.steps) });
    } else if (!upstream.has(ref.stepId)) {
      problems.push({ from: ref.from, to: ref.to, message: `Step "${ref.stepId}" (${name}) does not run before this one, so ${stepPath(ref.stepId)} is never set here` });
    }
  }
  return problems;
}

/** `steps.transform-31libs` parses as `steps.transform - …`: point at the id the user most likely meant. */
function unknownStepMessage(stepId: string, steps: ReadonlyMap<string, string>): string {
  const dashed = [...steps.keys()].find((id) => id.startsWith(`${stepId}-`));
  const base = `No step has the id "${stepId}"`;
  return dashed ? `${base}; for step "${dashed}" write ${stepPath(dashed)}` : base;
}
