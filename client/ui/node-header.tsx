/**
 * A step's face, the same wherever a step is drawn (the editor's and a version's canvas, the run's canvas, the run's
 * step inspector): its kind's icon on its category's tile, its name, and under it its kind (or what the caller says).
 */
import type { ReactNode } from 'react';
import { stepDefinition } from '../../shared/steps/registry.ts';
import { kindStyle } from './kind-style.ts';
import { StepIcon } from './step-icon.tsx';

const SIZE = {
  /** On a canvas node. */
  node: { row: 'items-center gap-2.5 px-3 pt-2.5 pb-2', tile: 'size-8', icon: 'size-4' },
  /** Heading a step's details: the name is a heading. */
  panel: { row: 'items-start gap-3', tile: 'size-9', icon: 'size-5' },
} as const;

interface NodeHeaderProps {
  step: { kind: string; name: string };
  size?: keyof typeof SIZE;
  /** Under the name; the kind's title by default. */
  detail?: ReactNode;
  /** Greys the icon, for a step that did not run. */
  muted?: boolean;
  className?: string;
}

export function NodeHeader({ step, size = 'node', detail, muted = false, className = '' }: NodeHeaderProps) {
  const def = stepDefinition(step.kind);
  const look = SIZE[size];
  const kind = detail ?? def?.title ?? step.kind;
  return (
    <div className={`flex ${look.row} ${className}`}>
      <span aria-hidden="true" className={`flex shrink-0 items-center justify-center rounded-lg ring-1 ring-inset ${look.tile} ${kindStyle(step.kind).tile} ${muted ? 'grayscale' : ''}`}>
        <StepIcon kind={step.kind} className={look.icon} />
      </span>
      {size === 'panel' ? (
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-semibold text-zinc-900" title={step.name}>
            {step.name}
          </h2>
          <p className="text-xs text-zinc-500">{kind}</p>
        </div>
      ) : (
        <span className="min-w-0 flex-1 leading-tight">
          <span className="block truncate font-semibold text-zinc-900" title={step.name}>
            {step.name}
          </span>
          <span className="block truncate text-xs text-zinc-500">{kind}</span>
        </span>
      )}
    </div>
  );
}
