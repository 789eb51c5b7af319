/**
 * The expression editor's context for a step of the open workflow: the draft graph and trigger from the editor
 * store, and the workflow's latest run (its payload and each step's output) from the server when it has one.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo } from 'react';
import type { Edge, Step } from '../../shared/graph/schema.ts';
import { useEditor, useEditorWith } from '../canvas/store.ts';
import { useTRPC } from '../trpc.ts';
import { buildCelContext, type CelEditorContext, type LastRun } from './editor-context.ts';

/** The step whose form holds the expression fields below it (the panels provide it). */
export const CelStepContext = createContext<string | null>(null);

export function useCelContext(): CelEditorContext {
  const stepId = useContext(CelStepContext) ?? '';
  // A drag replaces the steps every frame; the context only cares about ids, names, kinds and configs.
  const steps = useEditorWith((s) => s.graph.steps, sameStepsButPositions);
  const edges = useEditorWith((s) => s.graph.edges, sameEdges);
  const trigger = useEditor((s) => s.meta.triggerConfig);
  const workflowId = useEditor((s) => s.meta.id);
  const companySlug = useEditor((s) => s.meta.companySlug);
  const lastRun = useLastRun(companySlug, workflowId);
  return useMemo(() => buildCelContext({ stepId, steps, edges, trigger, workflowId, lastRun }), [stepId, steps, edges, trigger, workflowId, lastRun]);
}

function useLastRun(companySlug: string, workflowId: string): LastRun | null {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.runs.list.queryOptions({ companySlug, workflowId, limit: 1 }), staleTime: 30_000 });
  const id = list.data?.[0]?.id;
  const run = useQuery({ ...trpc.runs.get.queryOptions({ companySlug, id: id ?? '' }), enabled: !!id, staleTime: 30_000 });
  return useMemo(() => {
    if (!run.data) return null;
    const outputs: Record<string, unknown> = {};
    for (const s of run.data.steps) if (s.status === 'completed' && s.output !== null && s.output !== undefined) outputs[s.stepId] = s.output;
    return { id: run.data.run.id, eventName: run.data.run.triggerEventName ?? null, payload: run.data.run.triggerPayload ?? {}, outputs };
  }, [run.data]);
}

function sameStepsButPositions(a: readonly Step[], b: readonly Step[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.id !== y.id || x.name !== y.name || x.kind !== y.kind || x.config !== y.config)) return false;
  }
  return true;
}

function sameEdges(a: readonly Edge[], b: readonly Edge[]): boolean {
  return a === b || (a.length === b.length && a.every((e, i) => e.source === b[i]!.source && e.target === b[i]!.target));
}
