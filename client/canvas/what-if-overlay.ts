/**
 * What-if counts for the canvas's edges, handed down by context from the what-if layer (client/what-if/), so the
 * canvas imports none of it. Null while no simulation is shown: edges then draw nothing extra.
 */
import { createContext, useContext } from 'react';
import type { EdgeCount } from '../../shared/simulate/schema.ts';

export interface WhatIfEdges {
  /** How many runs were simulated: the denominator of every edge's count. */
  total: number;
  edges: ReadonlyMap<string, EdgeCount>;
}

export const WhatIfEdgeContext = createContext<WhatIfEdges | null>(null);

export function useWhatIfEdge(edgeId: string): { count: EdgeCount; total: number } | null {
  const w = useContext(WhatIfEdgeContext);
  const count = w?.edges.get(edgeId);
  return w && count ? { count, total: w.total } : null;
}

/** "37/50", with the uncertain runs after it ("37/50 +3?") when some may or may not take the edge. */
export function edgeCountText(c: EdgeCount, total: number): string {
  return `${c.taken}/${total}${c.uncertain ? ` +${c.uncertain}?` : ''}`;
}

export function edgeCountDescription(c: EdgeCount, total: number): string {
  const base = `${c.taken} of ${total} run${total === 1 ? '' : 's'} would take this connection`;
  return c.uncertain ? `${base}; ${c.uncertain} more might (they depend on an unknown output or decision)` : base;
}
