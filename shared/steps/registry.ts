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

export const STEP_KINDS = [
  'trigger',
  'condition',
  'human_gate',
  'delay',
  'transform',
  'http_request',
  'create_task',
  'emit_event',
  'update_product_field',
  'run_audit',
  'claude_skill',
  'validate_images',
  'enrich_products',
  'check_listings',
  'check_retailer_specs',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_REGISTRY = {
  trigger: triggerStep,
  condition: conditionStep,
  human_gate: humanGateStep,
  delay: delayStep,
  transform: transformStep,
  http_request: httpRequestStep,
  create_task: createTaskStep,
  emit_event: emitEventStep,
  update_product_field: updateProductFieldStep,
  run_audit: runAuditStep,
  claude_skill: claudeSkillStep,
  validate_images: validateImagesStep,
  enrich_products: enrichProductsStep,
  check_listings: checkListingsStep,
  check_retailer_specs: checkRetailerSpecsStep,
} as const satisfies Record<StepKind, StepDefinition>;

export function isStepKind(kind: string): kind is StepKind {
  return Object.hasOwn(STEP_REGISTRY, kind);
}

export function stepDefinition(kind: string): StepDefinition | undefined {
  return isStepKind(kind) ? STEP_REGISTRY[kind] : undefined;
}
