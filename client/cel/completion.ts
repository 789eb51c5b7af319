/**
 * Completion for the expression editor, pure: given the text before the cursor and the field tree, what may come
 * next. After `steps.` it offers the step ids, each written so that it parses: `steps.transform_31libs` for an
 * identifier, `steps["transform-31libs"]` (replacing the dot) for an older id with a dash.
 */
import type { FieldNode, FieldTree } from '../../shared/cel/field-tree.ts';
import { isCelIdentifier } from '../../shared/cel/references.ts';

export interface CelOption {
  /** What the list shows. */
  label: string;
  /** What is inserted in place of [from, cursor). */
  apply: string;
  detail: string;
  type: 'variable' | 'property' | 'function';
}

export interface CelCompletion {
  from: number;
  options: CelOption[];
}

const FUNCTIONS = ['size', 'has', 'int', 'double', 'string', 'bool', 'timestamp', 'duration', 'matches', 'contains', 'startsWith', 'endsWith', 'exists', 'all', 'map', 'filter'];

/** `a.b["c-d"].e` up to the cursor: the path segments before the last dot, and the partial word after it. */
const PATH = /((?:[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\s*"(?:[^"\\]|\\.)*"\s*\])*)\.([A-Za-z_0-9]*)$/;
const WORD = /[A-Za-z_][A-Za-z0-9_]*$/;

export function celCompletions(textBefore: string, tree: FieldTree, explicit = false): CelCompletion | null {
  // Inside a string literal nothing is a field.
  if (insideString(textBefore)) return null;
  const dotted = PATH.exec(textBefore);
  if (dotted) {
    const node = walk(tree, segments(dotted[1]!));
    if (!node?.children) return null;
    const prefix = dotted[2]!;
    const dot = textBefore.length - prefix.length - 1;
    const options = Object.entries(node.children)
      .filter(([key]) => key.toLowerCase().startsWith(prefix.toLowerCase()))
      .map(([key, child]): CelOption & { at: number } =>
        isCelIdentifier(key) ? { label: key, apply: key, detail: child.type, type: 'property', at: dot + 1 } : { label: `["${key}"]`, apply: `[${JSON.stringify(key)}]`, detail: child.type, type: 'property', at: dot },
      );
    if (!options.length) return null;
    // One replacement range per list: when any option needs the bracket form, every option replaces the dot too.
    const from = options.some((o) => o.at === dot) ? dot : dot + 1;
    return { from, options: options.map(({ at, ...o }) => (at === from ? o : { ...o, apply: `.${o.apply}` })) };
  }
  const word = WORD.exec(textBefore)?.[0] ?? '';
  const before = textBefore.slice(0, textBefore.length - word.length);
  // A word right after a dot or a closing bracket is a field the tree does not know: no guesses.
  if (/[.\]]\s*$/.test(before) || (!word && !explicit)) return null;
  const vars = Object.entries(tree).map(([key, n]): CelOption => ({ label: key, apply: key, detail: n.type, type: 'variable' }));
  const fns = FUNCTIONS.map((f): CelOption => ({ label: f, apply: f, detail: 'function', type: 'function' }));
  const options = [...vars, ...fns].filter((o) => o.label.startsWith(word) && o.label !== word);
  return options.length ? { from: textBefore.length - word.length, options } : null;
}

function segments(path: string): string[] {
  const out: string[] = [];
  for (const m of path.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[\s*("(?:[^"\\]|\\.)*")\s*\]/g)) out.push(m[1] ?? (JSON.parse(m[2]!) as string));
  return out;
}

function walk(tree: FieldTree, path: string[]): FieldNode | undefined {
  let node: FieldNode | undefined = { type: 'map', children: tree };
  for (const key of path) node = node?.children?.[key];
  return node;
}

function insideString(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== null;
}
