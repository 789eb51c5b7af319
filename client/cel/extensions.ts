/**
 * The CodeMirror pieces of the expression editor that do not depend on React: completion and lint sources reading
 * a context the component keeps current, the single-line filter, and the editor's look.
 */
import { autocompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { linter, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { celHighlighting, celLanguage } from './cel-language.ts';
import { celCompletions } from './completion.ts';
import { celDiagnostics } from './diagnostics.ts';
import type { CelEditorContext } from './editor-context.ts';

export function completionSource(context: () => CelEditorContext): CompletionSource {
  return (ctx) => {
    const r = celCompletions(ctx.state.sliceDoc(0, ctx.pos), context().tree, ctx.explicit);
    if (!r) return null;
    // The list keeps celCompletions' order (graph order for steps), which CodeMirror would otherwise re-sort.
    return { from: r.from, filter: false, options: r.options.map((o, i) => ({ label: o.label, apply: o.apply, detail: o.detail, type: o.type, boost: 99 - Math.min(i, 198) })) };
  };
}

/** A newline would be part of the expression, which a single-line field never wants: Enter is refused, pastes joined. */
const singleLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const text = tr.newDoc.toString().replace(/\s*\n\s*/g, ' ');
  return [tr, { changes: { from: 0, to: tr.newDoc.length, insert: text }, sequential: true }];
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'white', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid #f97316' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', padding: '6px 0' },
  '.cm-line': { padding: '0 10px' },
  '.cm-scroller': { overflowX: 'auto' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: '#ffedd5', color: '#7c2d12' },
});

export function celExtensions(opts: { context: () => CelEditorContext; multiline: boolean; label: string; testId: string; field: string; onDoc: (text: string) => void; editable: boolean }): Extension[] {
  return [
    celLanguage,
    celHighlighting,
    history(),
    // No interaction delay: Enter right after the list appears takes the highlighted entry, as it does everywhere else.
    autocompletion({ override: [completionSource(opts.context)], activateOnTyping: true, icons: false, interactionDelay: 0 }),
    linter((view): Diagnostic[] => celDiagnostics(view.state.doc.toString(), opts.context().scope).map((d) => ({ ...d, severity: 'error' })), { delay: 120 }),
    keymap.of([...completionKeymap, ...historyKeymap, ...defaultKeymap]),
    // One line: Enter (when no completion is open to take it) does nothing, and a pasted newline becomes a space.
    opts.multiline ? [EditorView.lineWrapping, EditorView.theme({ '&': { minHeight: '4.5rem' } })] : [Prec.high(keymap.of([{ key: 'Enter', run: () => true }])), singleLine],
    EditorView.editable.of(opts.editable),
    EditorState.readOnly.of(!opts.editable),
    EditorView.contentAttributes.of({
      'aria-label': opts.label,
      'data-testid': opts.testId,
      'data-field': opts.field,
      'aria-multiline': String(opts.multiline),
      ...(opts.editable ? {} : { 'aria-disabled': 'true' }),
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
    }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) opts.onDoc(u.state.doc.toString());
    }),
    theme,
  ];
}
