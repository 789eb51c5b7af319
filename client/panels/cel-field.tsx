/**
 * A CEL expression field: the CodeMirror expression editor, the first problem under it (syntax, names, steps that
 * do not run before this one), and a live preview of its value on the last run or the sample payload.
 */
import { useId, useMemo } from 'react';
import { celSyntaxError } from '../../shared/cel/check.ts';
import { celDiagnostics } from '../cel/diagnostics.ts';
import type { CelEditorContext } from '../cel/editor-context.ts';
import { celPreview } from '../cel/preview.ts';
import { useCelContext } from '../cel/use-cel-context.ts';
import { useEditor } from '../canvas/store.ts';
import { CelEditor } from './cel-editor.tsx';
import { FieldChrome, type ControlProps } from './field-chrome.tsx';

export const CEL_HINT = 'Reads event.data, data, steps.<step id> and run · Ctrl+Space suggests';

/** The syntax verdict alone, for callers without a graph: a syntax error, or null when it parses (or is empty). */
export function celStatus(text: string): string | null {
  if (!text.trim()) return null;
  const err = celSyntaxError(text);
  return err ? `Syntax error: ${err}` : null;
}

/** The first problem of an expression where it sits in the graph, or null. */
export function celProblem(text: string, context: CelEditorContext): string | null {
  return celDiagnostics(text, context.scope)[0]?.message ?? null;
}

export function CelControl({ spec, value, error, onChange }: ControlProps) {
  const id = useId();
  const text = typeof value === 'string' ? value : '';
  const context = useCelContext();
  const editable = useEditor((s) => s.access.edit);
  const problem = useMemo(() => celProblem(text, context), [text, context]);
  const preview = useMemo(() => (problem ? { kind: 'empty' as const } : celPreview(text, context.vars)), [problem, text, context]);
  // The live check speaks first; the schema's verdict (e.g. "required") otherwise.
  const shown = problem ?? error;
  const hint = text.trim() ? (
    <span className="text-emerald-700" data-testid={`field-${spec.name}-ok`}>
      ✓ Valid CEL
    </span>
  ) : (
    CEL_HINT
  );
  return (
    <FieldChrome id={id} label={spec.label} required={spec.required} hint={hint} error={shown}>
      <CelEditor
        value={text}
        onChange={onChange}
        context={context}
        label={spec.label}
        testId={`field-${spec.name}`}
        field={spec.name}
        multiline={spec.name === 'expression' || spec.name === 'filter'}
        editable={editable}
        invalid={!!shown}
        describedBy={shown ? `${id}-error` : `${id}-hint`}
      />
      <PreviewLine testId={`field-${spec.name}-preview`} text={text} preview={preview} source={context.source} />
    </FieldChrome>
  );
}

function PreviewLine({ testId, text, preview, source }: { testId: string; text: string; preview: ReturnType<typeof celPreview>; source: string }) {
  if (!text.trim() || preview.kind === 'empty') return null;
  return (
    <p className="truncate text-xs text-zinc-600" data-testid={testId} data-state={preview.kind} title={preview.kind === 'value' ? preview.text : preview.message}>
      <span className="text-zinc-400">On the {source}: </span>
      {preview.kind === 'value' ? <code className="font-mono text-zinc-900" data-testid={`${testId}-value`}>{preview.text}</code> : <span className="text-amber-700">{preview.message}</span>}
    </p>
  );
}

/** One CEL editor without chrome, for record rows (a transform's fields, an event's data). */
export function CelInput({ value, onChange, label, invalid, testId, field }: { value: string; onChange: (v: string) => void; label: string; invalid: boolean; testId: string; field?: string }) {
  const context = useCelContext();
  const editable = useEditor((s) => s.access.edit);
  return (
    <div className="min-w-0 flex-1">
      <CelEditor value={value} onChange={onChange} context={context} label={label} testId={testId} field={field ?? testId} multiline={false} editable={editable} invalid={invalid} />
    </div>
  );
}
