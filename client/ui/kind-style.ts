/** One colour per palette category, used by the palette, the nodes and the minimap alike. */
import type { StepCategory } from '../../shared/steps/define-step.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';

export const CATEGORY_STYLE = {
  Triggers: { tile: 'bg-orange-100 text-orange-700 ring-orange-200', minimap: '#fdba74' },
  Logic: { tile: 'bg-violet-100 text-violet-700 ring-violet-200', minimap: '#c4b5fd' },
  Human: { tile: 'bg-sky-100 text-sky-700 ring-sky-200', minimap: '#7dd3fc' },
  Data: { tile: 'bg-emerald-100 text-emerald-700 ring-emerald-200', minimap: '#6ee7b7' },
  Integrations: { tile: 'bg-blue-100 text-blue-700 ring-blue-200', minimap: '#93c5fd' },
  Tasks: { tile: 'bg-rose-100 text-rose-700 ring-rose-200', minimap: '#fda4af' },
} as const satisfies Record<StepCategory, { tile: string; minimap: string }>;

const UNKNOWN = { tile: 'bg-zinc-100 text-zinc-600 ring-zinc-200', minimap: '#d4d4d8' };

export function kindStyle(kind: string): { tile: string; minimap: string } {
  const def = stepDefinition(kind);
  return def ? CATEGORY_STYLE[def.category] : UNKNOWN;
}
