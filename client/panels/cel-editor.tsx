/**
 * One CodeMirror 6 expression editor: CEL highlighting, completion of `event.data.*` and `steps.<id>.*`, errors as
 * you type. The view is made once per mount; a value changed from outside (undo, reload) is written into it, and
 * the context (which steps, which data) is read through a ref, so a new context never rebuilds the view.
 */
import { forceLinting } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { CelEditorContext } from '../cel/editor-context.ts';
import { celExtensions } from '../cel/extensions.ts';

interface Props {
  value: string;
  onChange: (text: string) => void;
  context: CelEditorContext;
  label: string;
  testId: string;
  field: string;
  multiline: boolean;
  editable: boolean;
  invalid: boolean;
  describedBy?: string;
}

export function CelEditor({ value, onChange, context, label, testId, field, multiline, editable, invalid, describedBy }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, context });
  latest.current = { onChange, context };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: celExtensions({ context: () => latest.current.context, multiline, label, testId, field, editable, onDoc: (text) => latest.current.onChange(text) }),
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view lives as long as the field; value and context reach it below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [multiline, label, testId, field, editable]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  // Other steps or the last run changed what the expression may read: check it again now.
  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [context]);

  useEffect(() => {
    const content = view.current?.contentDOM;
    if (!content) return;
    if (invalid) content.setAttribute('aria-invalid', 'true');
    else content.removeAttribute('aria-invalid');
    if (describedBy) content.setAttribute('aria-describedby', describedBy);
    else content.removeAttribute('aria-describedby');
  }, [invalid, describedBy]);

  return (
    <div
      ref={host}
      className={`rounded-md shadow-xs ring-1 ring-inset ${invalid ? 'ring-red-400' : 'ring-zinc-300'} ${editable ? '' : 'bg-zinc-50 opacity-80'}`}
      data-testid={`${testId}-editor`}
    />
  );
}
