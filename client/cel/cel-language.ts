/**
 * CEL for CodeMirror: a stream tokenizer (CEL's lexical grammar is small: strings with r/b prefixes and triple
 * quotes, numbers with u suffixes, a handful of keywords) and the colours of its tokens.
 */
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const KEYWORDS = new Set(['in']);
const ATOMS = new Set(['true', 'false', 'null']);
const ROOTS = new Set(['event', 'steps', 'data', 'run']);

interface State {
  /** The closing delimiter of a string that spans lines (triple quotes), or null. */
  open: string | null;
  afterDot: boolean;
}

function readString(stream: StringStream, close: string, raw: boolean): boolean {
  while (!stream.eol()) {
    if (stream.match(close)) return true;
    const c = stream.next();
    if (c === '\\' && !raw) stream.next();
  }
  return false;
}

export const celLanguage = StreamLanguage.define<State>({
  name: 'cel',
  startState: () => ({ open: null, afterDot: false }),
  token(stream, state) {
    if (state.open) {
      if (readString(stream, state.open, false)) state.open = null;
      return 'string';
    }
    if (stream.eatSpace()) return null;
    const afterDot = state.afterDot;
    state.afterDot = false;
    const str = stream.match(/^[rRbB]{0,2}("""|'''|"|')/) as RegExpMatchArray | null;
    if (str) {
      const close = str[1]!;
      const raw = /[rR]/.test(str[0]);
      if (!readString(stream, close, raw) && close.length === 3) state.open = close;
      return 'string';
    }
    if (stream.match(/^(0x[0-9a-fA-F]+|\d+\.\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|\d+(e[+-]?\d+)?)[uU]?/)) return 'number';
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
    if (word) {
      const w = word[0];
      if (afterDot) return 'propertyName';
      if (KEYWORDS.has(w)) return 'keyword';
      if (ATOMS.has(w)) return 'atom';
      if (stream.match(/^\s*\(/, false)) return 'function';
      return ROOTS.has(w) ? 'variableName.special' : 'variableName';
    }
    if (stream.eat('.')) {
      state.afterDot = true;
      return 'punctuation';
    }
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:])/)) return 'operator';
    stream.next();
    return 'punctuation';
  },
  tokenTable: { 'variableName.special': t.special(t.variableName), function: t.function(t.variableName) },
  languageData: { closeBrackets: { brackets: ['(', '[', '{', '"', "'"] } },
});

const celColours = HighlightStyle.define([
  { tag: t.string, color: '#047857' },
  { tag: t.number, color: '#b45309' },
  { tag: [t.keyword, t.atom, t.bool], color: '#7c3aed' },
  { tag: t.special(t.variableName), color: '#c2410c', fontWeight: '600' },
  { tag: t.propertyName, color: '#1d4ed8' },
  { tag: t.function(t.variableName), color: '#0e7490' },
  { tag: t.operator, color: '#52525b' },
]);

export const celHighlighting = syntaxHighlighting(celColours);
