/** workflow-executor: walks the pinned version of a workflow's DAG as durable steps (logic in server/workflow). */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { referenceFunction } from 'inngest';
import { claudeConfigFromEnv } from '../../services/ai/config.ts';
import { failRunFromOutside, runWorkflow } from '../../workflow/run-workflow.ts';
import type { StepPort } from '../../workflow/port.ts';
import { inngest } from '../client.ts';
import { workflowRunCancelled, workflowTriggered } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function workflowExecutor(deps: FunctionDeps) {
  return inngest.createFunction(
    {
      id: FUNCTION_IDS.workflowExecutor,
      name: 'Workflow executor',
      triggers: [workflowTriggered],
      retries: 3,
      concurrency: { key: 'event.data.companyId', limit: 10 },
      idempotency: 'event.data.workflowRunId',
      cancelOn: [{ event: workflowRunCancelled, match: 'data.workflowRunId' }],
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data;
        await step.run('mark-run-failed', () => failRunFromOutside(deps.db, data.companyId, data.workflowRunId, error.message));
      },
    },
    async ({ event, step }) => {
      const port: StepPort = {
        run: (id, fn) => step.run(id, fn) as never,
        sleep: (id, duration) => step.sleep(id, duration),
        waitForEvent: (id, opts) => step.waitForEvent(id, { event: opts.event, if: opts.if, timeout: opts.timeout }),
        invoke: (id, call) => step.invoke(id, { function: referenceFunction({ functionId: call.functionId }), data: call.data, ...(call.timeout ? { timeout: call.timeout } : {}) }) as Promise<unknown>,
      };
      return runWorkflow(
        { db: deps.db, sendEvent: async (e) => void (await inngest.send(e)), invocationPriceUsd: (deps.claude ?? claudeConfigFromEnv()).invocationPriceUsd },
        port,
        { companyId: event.data.companyId, workflowId: event.data.workflowId, workflowRunId: event.data.workflowRunId, payload: event.data.payload, eventName: event.data.trigger.type },
      );
    },
  );
}
