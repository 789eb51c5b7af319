/**
 * Something a room above the canvas draws on every step (the editor's overlay of a run), handed down by context so
 * the canvas imports none of it. Null, the default, draws nothing.
 */
import { createContext, type ComponentType } from 'react';

export type NodeOverlay = ComponentType<{ stepId: string; gate: boolean }>;

export const NodeOverlayContext = createContext<NodeOverlay | null>(null);
