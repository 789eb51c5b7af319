import { describe, expect, it } from 'vitest';
import { callRecord, tenantOf, type CallSeen } from './call-record.ts';

const COMPANY = '0b6c1e52-5a3f-4a4e-9d8e-2b1f0c3d4e5f';
const WF_RUN = '6f1d2c3b-4a59-4e8f-8a7b-1c2d3e4f5a6b';
const base: CallSeen = {
  functionId: 'ember-workflows-workflow-executor',
  runId: '01JRUN',
  requestedStep: 'step',
  attempt: 0,
  memoized: 2,
  event: { id: 'ev1', name: 'workflow/triggered', ts: 1_700_000_000_000, data: { companyId: COMPANY, workflowRunId: WF_RUN } },
  startedAt: 1_700_000_000_200,
  endedAt: 1_700_000_000_260,
  steps: [],
  response: { status: 206, headers: {}, body: '[]' },
};
const ops = (...o: Record<string, unknown>[]) => ({ status: 206, headers: {}, body: JSON.stringify(o) });

describe('callRecord', () => {
  it('records the steps executed in the call, one attempt each, keyed by step and attempt', () => {
    const r = callRecord({
      ...base,
      attempt: 1,
      steps: [{ hashedId: 'h1', stepId: 'step:n3', startedAt: 1_700_000_000_210, endedAt: 1_700_000_000_250, outcome: 'retry', error: new Error('flaky') }],
      response: ops({ id: 'h1', op: 'StepError', userland: { id: 'step:n3' } }),
    });
    expect(r.run).toEqual({ runId: '01JRUN', functionId: 'ember-workflows-workflow-executor', companyId: COMPANY, workflowRunId: WF_RUN, eventId: 'ev1', eventName: 'workflow/triggered', eventReceivedAt: new Date(1_700_000_000_000), status: 'running' });
    expect(r.attempts).toEqual([
      { callKey: 's:h1:1', kind: 'step', stepId: 'step:n3', attempt: 1, outcome: 'retry', detail: 'StepError', startedAt: new Date(1_700_000_000_210), durationMs: 40, errorName: 'Error', errorMessage: 'flaky' },
    ]);
  });

  it('a call that ran no step is one attempt of the call, judged by its answer', () => {
    const planned = callRecord({ ...base, response: ops({ id: 'a', op: 'StepPlanned', userland: { id: 'step:a' } }, { id: 'b', op: 'StepPlanned', userland: { id: 'step:b' } }) });
    expect(planned.attempts).toEqual([expect.objectContaining({ callKey: 'c:step:2:0', kind: 'call', stepId: null, outcome: 'ok', detail: 'StepPlanned,StepPlanned', durationMs: 60 })]);
    const waiting = callRecord({ ...base, response: ops({ id: 'w', op: 'WaitForEvent', displayName: 'step:g:wait', name: 'workflow/human_gate.resolved' }) });
    expect(waiting.attempts[0]).toMatchObject({ outcome: 'ok', detail: 'WaitForEvent', stepId: 'step:g:wait' });
    const done = callRecord({ ...base, response: { status: 200, headers: {}, body: '{"ok":true}' } });
    expect(done.run.status).toBe('completed');
    expect(done.attempts[0]).toMatchObject({ outcome: 'ok', detail: 'completed' });
    // With checkpointing the SDK ends the run with 206 [RunComplete]; a 206 of other ops leaves it running.
    const checkpointed = callRecord({ ...base, response: ops({ id: 'c', op: 'RunComplete', data: { ok: true } }) });
    expect(checkpointed.run.status).toBe('completed');
    expect(checkpointed.attempts[0]).toMatchObject({ outcome: 'ok', detail: 'completed' });
    expect(planned.run.status).toBe('running');
    const retriable = callRecord({ ...base, attempt: 2, response: { status: 500, headers: { 'x-inngest-no-retry': 'false' }, body: JSON.stringify({ name: 'Error', message: 'boom', stack: 'at x' }) } });
    expect(retriable.run.status).toBe('running');
    expect(retriable.attempts[0]).toMatchObject({ callKey: 'c:step:2:2', outcome: 'retry', detail: 'error', errorName: 'Error', errorMessage: 'boom' });
    expect(JSON.stringify(retriable)).not.toContain('at x'); // never a stack
    const final = callRecord({ ...base, response: { status: 400, headers: { 'X-Inngest-No-Retry': 'true' }, body: JSON.stringify({ name: 'StepError', message: 'step:bad failed' }) } });
    expect(final.run.status).toBe('failed');
    expect(final.attempts[0]).toMatchObject({ outcome: 'error', detail: 'failed', errorName: 'StepError' });
  });

  it('a step that failed for good is an error; messages are truncated', () => {
    const r = callRecord({ ...base, steps: [{ hashedId: 'h', stepId: 'step:x', startedAt: 1, endedAt: 2, outcome: 'error', error: { name: 'NonRetriableError', message: 'x'.repeat(5000) } }] });
    expect(r.attempts[0]).toMatchObject({ outcome: 'error', detail: 'StepFailed', errorName: 'NonRetriableError' });
    expect(r.attempts[0]!.errorMessage!.length).toBe(1000);
  });

  it('a run is a company\'s when its event (or the failed run\'s, for onFailure) names one; otherwise engine-level', () => {
    expect(tenantOf({ data: { companyId: COMPANY.toUpperCase(), workflowRunId: WF_RUN } })).toEqual({ companyId: COMPANY, workflowRunId: WF_RUN });
    expect(tenantOf({ name: 'inngest/function.failed', data: { function_id: 'x', event: { data: { companyId: COMPANY, workflowRunId: WF_RUN } } } })).toEqual({ companyId: COMPANY, workflowRunId: WF_RUN });
    expect(tenantOf({ name: 'inngest/scheduled.timer', data: { cron: '* * * * *' } })).toEqual({ companyId: null, workflowRunId: null });
    expect(tenantOf({ data: { companyId: 'not-a-uuid', workflowRunId: WF_RUN } })).toEqual({ companyId: null, workflowRunId: null });
    expect(callRecord({ ...base, event: { name: 'inngest/scheduled.timer', data: {} } }).run).toMatchObject({ companyId: null, eventReceivedAt: null, eventId: null });
  });
});
