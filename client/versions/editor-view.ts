/**
 * What the editor's canvas shows: the draft (editable), one published version (read-only), or a comparison of two
 * graphs drawn on one read-only canvas. Pure data and the diff it needs; no React.
 */
import { diffGraphs, mergeForDiff, type GraphDiff } from '../../shared/graph/diff.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import type { DiffMarks } from '../canvas/store.ts';

export type EditorView =
  | { kind: 'draft' }
  | { kind: 'version'; versionId: string }
  /** base is the older side; target is a later version or the draft. */
  | { kind: 'diff'; baseId: string; targetId: string | 'draft' };

export const DRAFT_VIEW: EditorView = { kind: 'draft' };

export interface Side {
  graph: Graph;
  triggerConfig: TriggerConfig;
}

export interface Comparison {
  diff: GraphDiff;
  /** The graph to draw: the target plus what it lost. */
  graph: Graph;
  marks: DiffMarks;
}

export function compare(base: Side, target: Side): Comparison {
  const diff = diffGraphs(base.graph, target.graph, { baseTrigger: base.triggerConfig, targetTrigger: target.triggerConfig });
  const merged = mergeForDiff(target.graph, diff);
  return { diff, graph: merged.graph, marks: { steps: merged.stepStatus, edges: merged.edgeStatus } };
}

/** "2 added · 1 removed · 3 changed · 1 moved", leaving out the zeros; "No differences" when there are none. */
export function summarise(diff: GraphDiff): string {
  const parts = (['added', 'removed', 'changed', 'moved'] as const).filter((k) => diff.counts[k] > 0).map((k) => `${diff.counts[k]} ${k}`);
  return parts.length ? parts.join(' · ') : 'No differences';
}

/** A stable key for a view, to remount the read-only canvas when it changes. */
export function viewKey(view: EditorView): string {
  return view.kind === 'draft' ? 'draft' : view.kind === 'version' ? `v:${view.versionId}` : `d:${view.baseId}:${view.targetId}`;
}
