/**
 * Testing one step alone (the editor's "Test step"): which kinds can run outside a run, and for those with side
 * effects, what running one does, in words the editor asks the user to confirm and the server requires a confirm
 * for. Keyed by every kind, so a new kind must say how it tests.
 *
 * - pure: evaluates expressions over its input, touches nothing (runs at once);
 * - effect: acts on the world (a request, a task, an event, a product write, an audit, a Claude call): needs `confirm`;
 * - untestable: waits (delay, approval), starts the run (trigger), or runs as a function of its own (a child run).
 */
import { str } from './define-step.ts';
import type { StepKind } from './registry.ts';

export type StepTestMode =
  | { mode: 'pure' }
  | { mode: 'effect'; describe: (config: Record<string, unknown>) => string }
  | { mode: 'untestable'; reason: string };

const pure: StepTestMode = { mode: 'pure' };
const effect = (describe: (config: Record<string, unknown>) => string): StepTestMode => ({ mode: 'effect', describe });
const child = (what: string): StepTestMode => ({ mode: 'untestable', reason: `${what} runs as a function of its own (a child run), so it cannot be tested alone: start a run to try it` });

export const STEP_TEST_MODES = {
  trigger: { mode: 'untestable', reason: 'The trigger starts a run: its data is the input the other steps are tested with' },
  condition: pure,
  human_gate: { mode: 'untestable', reason: 'An approval waits for a person: it cannot be tested alone' },
  delay: { mode: 'untestable', reason: 'A delay only waits: there is nothing to test' },
  transform: pure,
  http_request: effect((c) => `This sends a ${str(c.method, 'GET')} to ${str(c.url, '(no URL yet)')}`),
  create_task: effect((c) => `This creates the task "${str(c.title, 'Untitled')}" in Tasks, where people will see it`),
  emit_event: effect((c) => `This sends the event ${str(c.event, '(none chosen)')}, which can start other workflows`),
  update_product_field: effect((c) => `This writes the product's ${str(c.attribute, 'field')} (${str(c.product, 'no product expression')}) in the catalog, with history`),
  run_audit: effect(() => 'This runs a compliance audit of the products and records its results'),
  claude_skill: effect((c) => `This asks Claude (the ${str(c.skill, 'chosen')} skill), which costs tokens and is recorded in the cost ledger`),
  validate_images: child('Validate images'),
  enrich_products: child('Enrich with Claude'),
  check_listings: child('Check listings'),
  check_retailer_specs: child('Check retailer specs'),
} as const satisfies Record<StepKind, StepTestMode>;

export function stepTestMode(kind: string): StepTestMode {
  return (STEP_TEST_MODES as Record<string, StepTestMode>)[kind] ?? { mode: 'untestable', reason: `Unknown step kind "${kind}"` };
}
