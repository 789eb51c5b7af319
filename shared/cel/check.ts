import { parse } from '@marcbachmann/cel-js';

/** Returns null when `expression` is syntactically valid CEL, else the parser's message. Never evaluates. */
export function celSyntaxError(expression: string): string | null {
  try {
    parse(expression);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0] ?? 'invalid expression' : 'invalid expression';
  }
}
