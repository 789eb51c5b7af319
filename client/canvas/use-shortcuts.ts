/** Binds the editor's keyboard shortcuts to the window while the editor is open. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { copySelection, deleteSelection, duplicateSelection, paste, selectAll, tidy } from './commands.ts';
import { isTypingTarget, matchShortcut, WORKS_WHILE_TYPING, type ShortcutId } from './shortcuts.ts';
import { redo, setSelection, undo, type EditorStore } from './store.ts';
import { useShowGraph } from './use-show-graph.ts';

/** Shortcuts a read-only viewer may still use. */
const READ_ONLY: ReadonlySet<ShortcutId> = new Set(['copy', 'selectAll', 'fit', 'zoomIn', 'zoomOut', 'deselect', 'help']);

/**
 * `active` says whether the draft's canvas is on screen; while it is not (a version is shown), only the help
 * overlay answers.
 */
export function useShortcuts(store: EditorStore, actions: { save: () => void; toggleHelp: () => void; active?: () => boolean }) {
  const flow = useReactFlow();
  const showGraph = useShowGraph();
  const latest = useRef({ flow, actions, showGraph });
  latest.current = { flow, actions, showGraph };

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const id = matchShortcut(e);
      // What-if is the what-if layer's own key: left alone here (not even preventDefault) so the layer sees it.
      if (!id || id === 'whatIf' || e.defaultPrevented) return;
      // A modal (conflict, run now, help) owns the keyboard; so does a field being typed in.
      if (document.querySelector('dialog[open]')) return;
      if (isTypingTarget(e.target) && !WORKS_WHILE_TYPING.has(id)) return;
      // With text selected on the page, Ctrl+C copies that text as usual.
      if (id === 'copy' && window.getSelection()?.toString()) return;
      if (!store.getState().access.edit && !READ_ONLY.has(id)) return;
      if (id !== 'help' && latest.current.actions.active?.() === false) return;
      e.preventDefault();
      run(id);
    }

    function run(id: ShortcutId) {
      const { flow, actions, showGraph } = latest.current;
      const view = { padding: 0.3, maxZoom: 1, duration: 250 };
      switch (id) {
        case 'delete':
          return deleteSelection(store);
        case 'undo':
          return undo(store);
        case 'redo':
          return redo(store);
        case 'copy':
          return void copySelection(store);
        case 'paste':
          return paste(store);
        case 'duplicate':
          return duplicateSelection(store);
        case 'selectAll':
          return selectAll(store);
        case 'save':
          return actions.save();
        case 'tidy':
          if (tidy(store) === 'graph') requestAnimationFrame(() => showGraph({ duration: 250 }));
          return;
        case 'fit':
          return void flow.fitView(view);
        case 'zoomIn':
          return void flow.zoomIn({ duration: 150 });
        case 'zoomOut':
          return void flow.zoomOut({ duration: 150 });
        case 'deselect':
          return setSelection(store, []);
        case 'help':
          return actions.toggleHelp();
      }
    }

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
