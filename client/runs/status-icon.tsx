/** One lucide icon per display status: SVG, so it draws the same on every machine whatever fonts it has. */
import { Ban, Circle, CircleCheck, CircleMinus, CirclePause, CircleX, LoaderCircle, Moon, RotateCw, type LucideIcon } from 'lucide-react';
import type { DisplayStatus } from '../../shared/runs/status.ts';

export const STATUS_ICONS = {
  pending: Circle,
  running: LoaderCircle,
  waiting: CirclePause,
  retrying: RotateCw,
  sleeping: Moon,
  completed: CircleCheck,
  failed: CircleX,
  skipped: CircleMinus,
  cancelled: Ban,
} as const satisfies Record<DisplayStatus, LucideIcon>;
