/** Server handlers for the action kinds that run as one step. Delay is walked by the engine itself (it sleeps). */
import type { StepKind } from '../../../shared/steps/registry.ts';
import { checkListingsHandler } from './check-listings.ts';
import { checkRetailerSpecsHandler } from './check-retailer-specs.ts';
import { claudeSkillHandler } from './claude-skill.ts';
import { createTaskHandler } from './create-task.ts';
import { emitEventHandler } from './emit-event.ts';
import { enrichProductsHandler } from './enrich-products.ts';
import { httpRequestHandler } from './http-request.ts';
import { runAuditHandler } from './run-audit.ts';
import { transformHandler } from './transform.ts';
import { updateProductFieldHandler } from './update-product-field.ts';
import { validateImagesHandler } from './validate-images.ts';
import type { ActionHandler, InvokeHandler } from './types.ts';

type RunnableKind = Exclude<StepKind, 'trigger' | 'condition' | 'human_gate' | 'delay'>;

export const ACTION_HANDLERS = {
  transform: transformHandler,
  http_request: httpRequestHandler,
  create_task: createTaskHandler,
  emit_event: emitEventHandler,
  update_product_field: updateProductFieldHandler,
  run_audit: runAuditHandler,
  claude_skill: claudeSkillHandler,
  validate_images: validateImagesHandler,
  enrich_products: enrichProductsHandler,
  check_listings: checkListingsHandler,
  check_retailer_specs: checkRetailerSpecsHandler,
} satisfies Record<RunnableKind, ActionHandler | InvokeHandler>;

export function actionHandler(kind: string): ActionHandler | InvokeHandler | undefined {
  return (ACTION_HANDLERS as Record<string, ActionHandler | InvokeHandler>)[kind];
}
