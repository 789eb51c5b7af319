/** The floating toolbar over the canvas: undo, redo, tidy up, snap to grid, shortcuts. */
import type { ReactNode } from 'react';
import { FOCUS_RING } from '../ui/button.tsx';
import { tidy } from './commands.ts';
import { redo, undo, useEditor, useEditorStore } from './store.ts';
import { useShowGraph } from './use-show-graph.ts';

export function Toolbar({ onHelp }: { onHelp: () => void }) {
  const store = useEditorStore();
  const showGraph = useShowGraph();
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const snap = useEditor((s) => s.snapToGrid);
  const editable = useEditor((s) => s.access.edit);
  const partial = useEditor((s) => s.selection.steps.size >= 2);

  function tidyUp() {
    if (tidy(store) === 'graph') requestAnimationFrame(() => showGraph({ duration: 300 }));
  }

  return (
    <div role="toolbar" aria-label="Canvas tools" className="flex items-center gap-0.5 rounded-lg bg-white p-1 shadow-sm ring-1 ring-zinc-900/10">
      {editable && (
        <>
          <ToolButton label="Undo" shortcut="Ctrl/⌘+Z" testId="undo" disabled={!canUndo} onClick={() => undo(store)}>
            <path d="M7 4 3 8l4 4M3 8h8a4 4 0 0 1 0 8H9" />
          </ToolButton>
          <ToolButton label="Redo" shortcut="Ctrl/⌘+Shift+Z" testId="redo" disabled={!canRedo} onClick={() => redo(store)}>
            <path d="m13 4 4 4-4 4M17 8H9a4 4 0 0 0 0 8h2" />
          </ToolButton>
          <span aria-hidden="true" className="mx-1 h-5 w-px bg-zinc-200" />
          <ToolButton label={partial ? 'Tidy up the selection' : 'Tidy up the graph'} shortcut="T" testId="tidy" onClick={tidyUp}>
            <path d="M3 4h5v4H3zM12 4h5v4h-5zM12 12h5v4h-5zM8 6h4M10 6v8h2" />
          </ToolButton>
          <ToolButton label="Snap to grid" shortcut="" testId="snap" pressed={snap} onClick={() => store.setState({ snapToGrid: !snap })}>
            <path d="M4 4h.01M10 4h.01M16 4h.01M4 10h.01M10 10h.01M16 10h.01M4 16h.01M10 16h.01M16 16h.01" strokeWidth="2.6" />
          </ToolButton>
          <span aria-hidden="true" className="mx-1 h-5 w-px bg-zinc-200" />
        </>
      )}
      <ToolButton label="Keyboard shortcuts" shortcut="?" testId="shortcuts" onClick={onHelp}>
        <path d="M2.5 5.5h15v9h-15zM5 8.5h.01M8 8.5h.01M11 8.5h.01M14 8.5h.01M6 11.5h8" />
      </ToolButton>
    </div>
  );
}

interface ToolButtonProps {
  label: string;
  shortcut: string;
  testId: string;
  onClick: () => void;
  disabled?: boolean;
  /** Set for toggles: announced as pressed or not. */
  pressed?: boolean;
  children: ReactNode;
}

function ToolButton({ label, shortcut, testId, onClick, disabled, pressed, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      className={`flex size-8 items-center justify-center rounded-md transition-colors disabled:cursor-not-allowed disabled:text-zinc-300 ${FOCUS_RING} ${
        pressed ? 'bg-orange-50 text-orange-700 hover:bg-orange-100' : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900'
      }`}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-[18px]" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        {children}
      </svg>
    </button>
  );
}
