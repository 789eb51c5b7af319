import type { z } from 'zod';
import type { StepType } from '../graph/schema.ts';

export const STEP_CATEGORIES = ['Triggers', 'Logic', 'Human', 'Data', 'Integrations', 'Tasks'] as const;
export type StepCategory = (typeof STEP_CATEGORIES)[number];

/**
 * The browser-safe definition of a step kind: everything the palette, the config form, the node renderer and the
 * validator need. Server handlers live apart (server/workflow/handlers) and are keyed by the same `kind`.
 */
export interface StepDefinition<K extends string = string, C extends z.ZodType = z.ZodType> {
  kind: K;
  type: StepType;
  title: string;
  /** A single emoji or short glyph; the canvas has no icon font to load. */
  icon: string;
  category: StepCategory;
  description: string;
  config: C;
  /** The config a freshly dropped step starts with; need not be valid (the user fills it in). */
  defaultConfig: Record<string, unknown>;
  /** One line shown on the node. Gets whatever config is stored, valid or not. */
  summary: (config: Record<string, unknown>) => string;
  /**
   * What the step's output (`steps.<id>`) holds, for the expression editor's completion; may depend on the config
   * (a transform outputs its mapping's fields). Absent: the editor learns the fields from the last run only.
   */
  output?: (config: Record<string, unknown>) => z.ZodType;
  /** Services the step needs to run; the canvas marks the step when one is not configured on this server. */
  requires?: readonly 'claude'[];
}

export function defineStep<const K extends string, C extends z.ZodType>(def: StepDefinition<K, C>): StepDefinition<K, C> {
  return def;
}

export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}
