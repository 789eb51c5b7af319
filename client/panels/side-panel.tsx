/** The right-hand panel: the selected step's settings, a multi-selection's actions, or the issues list. */
import { useReactFlow } from '@xyflow/react';
import type { Step } from '../../shared/graph/schema.ts';
import { deleteSelection, duplicateSelection, tidy } from '../canvas/commands.ts';
import { setSelection, useEditor, useEditorStore, useEditorWith } from '../canvas/store.ts';
import { Button } from '../ui/button.tsx';
import { PanelFrame } from '../ui/panel-frame.tsx';
import { StepConfigPanel } from './config-panel.tsx';
import { DangerButton } from './danger-button.tsx';
import { IssuesList } from './issues-list.tsx';
import { TriggerPanel } from './trigger-panel.tsx';

export function SidePanel() {
  const count = useEditor((s) => s.selection.steps.size);
  // Dragging the selected step replaces it every frame; its panel only cares when something but the position changes.
  const single = useEditorWith((s) => (s.selection.steps.size === 1 ? s.graph.steps.find((st) => s.selection.steps.has(st.id)) : undefined), samePanelStep);
  return (
    <aside aria-label="Details" className="flex w-[22rem] shrink-0 flex-col border-l border-zinc-200 bg-white">
      {single ? single.type === 'trigger' ? <TriggerPanel key={single.id} step={single} /> : <StepConfigPanel key={single.id} step={single} /> : count > 1 ? <SelectionPanel count={count} /> : <IssuesList />}
    </aside>
  );
}

function samePanelStep(a: Step | undefined, b: Step | undefined): boolean {
  return a === b || (!!a && !!b && a.id === b.id && a.name === b.name && a.kind === b.kind && a.type === b.type && a.config === b.config);
}

function SelectionPanel({ count }: { count: number }) {
  const store = useEditorStore();
  const { fitView } = useReactFlow();
  const editable = useEditor((s) => s.access.edit);
  const ids = useEditor((s) => s.selection.steps);
  return (
    <PanelFrame title={`${count} steps selected`} subtitle="Shift or Ctrl/⌘ + click adds or removes a step." onClose={() => setSelection(store, [])} data-testid="selection-panel">
      <div className="flex flex-col gap-2">
        <Button onClick={() => void fitView({ nodes: [...ids].map((id) => ({ id })), duration: 300, maxZoom: 1, padding: 0.4 })}>Zoom to selection</Button>
        {editable && (
          <>
            <Button onClick={() => tidy(store)}>Tidy up the selection</Button>
            <Button onClick={() => duplicateSelection(store)}>Duplicate</Button>
            <DangerButton onClick={() => deleteSelection(store)}>Delete {count} steps</DangerButton>
          </>
        )}
      </div>
    </PanelFrame>
  );
}
