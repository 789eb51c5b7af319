/**
 * A published version, or a comparison, on the canvas: the same Canvas as the editor, over its own read-only store
 * (and its own React Flow instance), so nothing done here can touch the draft.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import type { Graph } from '../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { Canvas } from '../canvas/canvas.tsx';
import { createEditorStore, EditorStoreContext, useEditorStore, type DiffMarks } from '../canvas/store.ts';

interface VersionCanvasProps {
  graph: Graph;
  triggerConfig: TriggerConfig;
  marks: DiffMarks | null;
  onHelp: () => void;
}

/** Mount with a `key` per view: the store is made once, from the first props. */
export function VersionCanvas({ graph, triggerConfig, marks, onHelp }: VersionCanvasProps) {
  const draft = useEditorStore();
  const [store] = useState(() =>
    createEditorStore(graph, { ...draft.getState().meta, triggerConfig }, { edit: false, run: false }, { validate: false, ...(marks ? { diff: marks } : {}) }),
  );
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Canvas onHelp={onHelp} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}
