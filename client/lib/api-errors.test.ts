import { describe, expect, it } from 'vitest';
import { apiError, fieldError } from './api-errors.ts';

function trpcLike(message: string, data: unknown) {
  return Object.assign(new Error(message), { data });
}

describe('apiError', () => {
  it('reads code, message and field errors from a tRPC error', () => {
    const info = apiError(trpcLike('Invalid input: name: a workflow needs a name', { code: 'BAD_REQUEST', fieldErrors: { name: ['a workflow needs a name'] } }));
    expect(info.code).toBe('BAD_REQUEST');
    expect(fieldError(info, 'name')).toBe('A workflow needs a name');
    expect(fieldError(info, 'description')).toBeUndefined();
  });

  it('keeps the server message for domain errors', () => {
    const info = apiError(trpcLike('Publish the workflow before enabling it', { code: 'PRECONDITION_FAILED' }));
    expect(info).toEqual({ code: 'PRECONDITION_FAILED', message: 'Publish the workflow before enabling it', fieldErrors: {} });
  });

  it('turns a failed fetch into a readable message', () => {
    const info = apiError(new TypeError('Failed to fetch'));
    expect(info.code).toBeNull();
    expect(info.message).toMatch(/could not reach the server/i);
  });

  it('ignores malformed field errors', () => {
    expect(apiError(trpcLike('x', { code: 'BAD_REQUEST', fieldErrors: { name: 'nope' } })).fieldErrors).toEqual({});
    expect(apiError(null).message).toBe('Something went wrong.');
  });
});
