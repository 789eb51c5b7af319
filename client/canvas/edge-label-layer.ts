/**
 * Where edge labels are drawn: React Flow's `.react-flow__edgelabel-renderer` div, found once per canvas. React Flow's
 * own <EdgeLabelRenderer> looks that div up with querySelector in a store selector, so every label re-runs the
 * lookup on every viewport change (each frame of a pan); with a few hundred labels that is most of a frame.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);

export function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useContext(EdgeLabelLayerContext);
  return layer ? createPortal(children, layer) : null;
}
