/**
 * Everything wrong with an expression, with where: its syntax, its names and types, and the steps it reads (which
 * must run before it: the same referenceProblems the server's validateDag runs at publish). The editor underlines
 * them as you type; the field shows the first under it.
 */
import { celTypeError } from '../../shared/cel/check.ts';
import { referenceProblems, type ReferenceScope } from '../../shared/cel/references.ts';
import { parse } from '@marcbachmann/cel-js';

export interface CelDiagnostic {
  from: number;
  to: number;
  message: string;
}

export function celDiagnostics(text: string, scope: ReferenceScope): CelDiagnostic[] {
  if (!text.trim()) return [];
  const syntax = syntaxDiagnostic(text);
  if (syntax) return [syntax];
  const out: CelDiagnostic[] = referenceProblems(text, scope);
  const typeError = celTypeError(text);
  if (typeError) out.push(typeError);
  return out.map((d) => clamp(d, text.length));
}

function syntaxDiagnostic(text: string): CelDiagnostic | null {
  try {
    parse(text);
    return null;
  } catch (err) {
    const e = err as { message?: string; range?: { start: number; end: number } };
    const message = `Syntax error: ${(e.message ?? 'invalid expression').split('\n')[0]}`;
    const from = e.range?.start ?? text.length;
    return clamp({ from, to: Math.max(e.range?.end ?? from, from + 1), message }, text.length);
  }
}

function clamp(d: CelDiagnostic, length: number): CelDiagnostic {
  const from = Math.min(Math.max(0, d.from), length);
  return { ...d, from, to: Math.min(Math.max(from, d.to), length) };
}
