import { describe, expect, it } from 'vitest';
import { inputFromRun, parseTestInput, sampleInput } from './test-step-input.ts';

describe('test-step input', () => {
  it("takes the last run's event, completed outputs and transform data", () => {
    const input = inputFromRun({
      run: { triggerPayload: { sku: 'CK-1' }, triggerEventName: 'asset/uploaded', triggerType: 'event' },
      steps: [
        { stepId: 'trigger', status: 'completed', output: { ignored: true } },
        { stepId: 'n1', status: 'completed', output: { passed: true } },
        { stepId: 'x', status: 'completed', output: { label: 'A' } },
        { stepId: 'n2', status: 'failed', output: null },
      ],
      version: { graph: { steps: [{ id: 'trigger', kind: 'trigger', type: 'trigger' }, { id: 'n1', kind: 'validate_images', type: 'action' }, { id: 'x', kind: 'transform', type: 'action' }, { id: 'n2', kind: 'http_request', type: 'action' }] } },
    });
    expect(input).toEqual({ event: { name: 'asset/uploaded', data: { sku: 'CK-1' } }, steps: { n1: { passed: true }, x: { label: 'A' } }, data: { label: 'A' } });
  });

  it('a sample names the trigger event', () => {
    expect(sampleInput({ type: 'manual' })).toMatchObject({ event: { name: 'manual' }, steps: {}, data: {} });
  });

  it('parses edited JSON and says what is wrong', () => {
    expect(parseTestInput('{"event":{"name":"manual","data":{"a":1}}}')).toEqual({ input: { event: { name: 'manual', data: { a: 1 } }, steps: {}, data: {} } });
    expect(parseTestInput('{"event": ')).toMatchObject({ error: expect.stringContaining('Not JSON') });
    expect(parseTestInput('{"event":{"data":{}}}')).toEqual({ error: 'event needs a name and a data object' });
    expect(parseTestInput('{"event":{"name":"m","data":{}},"steps":[]}')).toEqual({ error: 'steps and data must be objects' });
  });
});
