/**
 * What a room above the canvas draws on its steps and edges (the editor's overlay of a run), handed down by context
 * so the canvas imports none of it. The defaults draw nothing.
 */
import { createContext, type ComponentType, type CSSProperties } from 'react';

export type NodeOverlay = ComponentType<{ stepId: string; gate: boolean }>;

export const NodeOverlayContext = createContext<NodeOverlay | null>(null);

/**
 * A hook giving an edge's look, or null for none. A provider must keep one hook for the life of a canvas (it may
 * return null while it has nothing to show), so the edge's hooks never change between renders.
 */
export type UseEdgeOverlay = (source: string, target: string, label: 'yes' | 'no' | null) => { state: string; style: CSSProperties } | null;

export const EdgeOverlayContext = createContext<UseEdgeOverlay>(() => null);
