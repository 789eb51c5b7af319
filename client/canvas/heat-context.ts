/**
 * The heatmap's colouring, handed to step nodes by context: null while the heatmap is off, so the canvas pays
 * nothing for it then; when on, one memoized Map that changes only when the data or the mode does.
 */
import { createContext, useContext } from 'react';
import type { HeatCell } from '../../shared/metrics/heat.ts';

export const HeatContext = createContext<ReadonlyMap<string, HeatCell> | null>(null);

export function useHeatCell(stepId: string): HeatCell | null {
  return useContext(HeatContext)?.get(stepId) ?? null;
}
