/** The registry of step kinds: palette, forms, node renderers, validator and server handlers all key on it. */
import type { StepDefinition } from './define-step.ts';
import { checkListingsStep } from './kinds/check-listings.ts';
import { checkRetailerSpecsStep } from './kinds/check-retailer-specs.ts';
import { claudeSkillStep } from './kinds/claude-skill.ts';
import { conditionStep } from './kinds/condition.ts';
import { createTaskStep } from './kinds/create-task.ts';
import { delayStep } from './kinds/delay.ts';
import { emitEventStep } from './kinds/emit-event.ts';
import { enrichProductsStep } from './kinds/enrich-products.ts';
import { httpRequestStep } from './kinds/http-request.ts';
import { humanGateStep } from './kinds/human-gate.ts';
import { runAuditStep } from './kinds/run-audit.ts';
import { transformStep } from './kinds/transform.ts';
import { triggerStep } from './kinds/trigger.ts';
import { updateProductFieldStep } from './kinds/update-product-field.ts';
import { validateImagesStep } from './kinds/validate-images.ts';

/**
 * Every step kind, in palette order. Adding a kind is three compiler-checked places: its definition file in kinds/,
 * this list, and (for an action) its handler in server/workflow/handlers/registry.ts — whose type demands one.
 */
const DEFINITIONS = [
  triggerStep,
  conditionStep,
  humanGateStep,
  delayStep,
  transformStep,
  httpRequestStep,
  createTaskStep,
  emitEventStep,
  updateProductFieldStep,
  runAuditStep,
  claudeSkillStep,
  validateImagesStep,
  enrichProductsStep,
  checkListingsStep,
  checkRetailerSpecsStep,
] as const satisfies readonly StepDefinition[];

type Definition = (typeof DEFINITIONS)[number];
export type StepKind = Definition['kind'];

/** The definitions by kind (each keyed by its own `kind`, so a key and its definition cannot disagree). */
export const STEP_REGISTRY = Object.fromEntries(DEFINITIONS.map((d) => [d.kind, d])) as { [D in Definition as D['kind']]: D };

export const STEP_KINDS: readonly StepKind[] = DEFINITIONS.map((d) => d.kind);

export function isStepKind(kind: string): kind is StepKind {
  return Object.hasOwn(STEP_REGISTRY, kind);
}

export function stepDefinition(kind: string): StepDefinition | undefined {
  return isStepKind(kind) ? STEP_REGISTRY[kind] : undefined;
}
