import { Environment, parse } from '@marcbachmann/cel-js';

/** Returns null when `expression` is syntactically valid CEL, else the parser's message. Never evaluates. */
export function celSyntaxError(expression: string): string | null {
  try {
    parse(expression);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0] ?? 'invalid expression' : 'invalid expression';
  }
}

/**
 * The variables every expression sees (server/workflow/vars.ts builds them at run time). Their contents are JSON the
 * checker cannot know, so they are `dyn`: what it catches is a name that is none of these (`evnt.data.x`), a function
 * that does not exist, and operators on literals that cannot meet (`1 + "a"`).
 */
const ENV = new Environment()
  .registerVariable('event', 'dyn')
  .registerVariable('steps', 'map<string, dyn>')
  .registerVariable('data', 'dyn')
  .registerVariable('run', 'dyn');

export interface CelTypeProblem {
  message: string;
  from: number;
  to: number;
}

/** Checked once per text: the editor revalidates the whole graph on every edit. */
const typeCache = new Map<string, CelTypeProblem | null>();

/** A type or name error in an expression that parses, or null. A syntax error is celSyntaxError's to report. */
export function celTypeError(expression: string): CelTypeProblem | null {
  let r = typeCache.get(expression);
  if (r === undefined) {
    r = typeCheck(expression);
    if (typeCache.size > 5000) typeCache.clear();
    typeCache.set(expression, r);
  }
  return r;
}

function typeCheck(expression: string): CelTypeProblem | null {
  if (celSyntaxError(expression)) return null;
  let r: ReturnType<Environment['check']>;
  try {
    r = ENV.check(expression);
  } catch {
    return null;
  }
  if (r.valid || !r.error) return null;
  const message = r.error.message.split('\n')[0] ?? 'type error';
  const range = r.error.range ?? { start: 0, end: expression.length };
  return { message, from: range.start, to: Math.max(range.end, range.start) };
}
