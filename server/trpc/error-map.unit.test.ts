import { TRPCError } from '@trpc/server';
import { DrizzleQueryError } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { checkHostile } from '../../shared/input/hostile.ts';
import { hostileInputError, InternalErrorRef, reportInternal, toPublicError } from './error-map.ts';

const REF = /^Something went wrong on our side \(reference err_[0-9a-f]{16}\)\.$/;
const pgError = () => Object.assign(new postgres.PostgresError({ message: 'invalid byte sequence for encoding "UTF8": 0x00' } as never), { code: '22021' });

describe('toPublicError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps typed errors: AppError by its transport code, deliberate TRPCErrors as they are', () => {
    expect(toPublicError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new AppError('CONFLICT', 'Someone else changed this workflow first') }), 'x')).toMatchObject({ code: 'CONFLICT', message: 'Someone else changed this workflow first' });
    const notFound = new TRPCError({ code: 'NOT_FOUND', message: 'No such company, or you are not a member' });
    expect(toPublicError(notFound, 'x')).toBe(notFound);
  });

  it('turns anything else into a generic INTERNAL_SERVER_ERROR with a reference, logging the real error once', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const real = new DrizzleQueryError('insert into "workflows" ("name") values ($1)', ['a\u0000'], pgError());
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: real });
    const first = toPublicError(wrapped, 'trpc workflows.create');
    expect(first.code).toBe('INTERNAL_SERVER_ERROR');
    expect(first.message).toMatch(REF);
    expect(first.cause).toBeInstanceOf(InternalErrorRef);
    // Seen again (onError, then the formatter): same reference, not logged twice; a public error stays as it is.
    expect(toPublicError(wrapped, 'again').message).toBe(first.message);
    expect(toPublicError(first, 'again')).toBe(first);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toContain((first.cause as InternalErrorRef).ref);
    expect(log.mock.calls[0]![1]).toBe(real);
  });

  it('treats a database or programming error as internal even under another code', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const cause of [pgError(), new TypeError('r.from.getTime is not a function'), new RangeError('Maximum call stack size exceeded')]) {
      const out = toPublicError(new TRPCError({ code: 'BAD_REQUEST', cause }), 'x');
      expect({ code: out.code, generic: REF.test(out.message) }).toEqual({ code: 'INTERNAL_SERVER_ERROR', generic: true });
    }
    // A body that is not JSON stays the client's own 400.
    const parse = new TRPCError({ code: 'BAD_REQUEST', cause: new SyntaxError('Unexpected token } in JSON') });
    expect(toPublicError(parse, 'x')).toBe(parse);
  });

  it('gives a fresh reference to each distinct error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(reportInternal(new Error('a'), 'x')).not.toBe(reportInternal(new Error('a'), 'x'));
  });
});

describe('hostileInputError', () => {
  it('is BAD_REQUEST whose cause carries zod-shaped issues (what the bad-input suite and forms read)', () => {
    const err = hostileInputError(checkHostile({ payload: { note: 'a\u0000' } })!);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('Invalid input: payload.note: contains a NUL character (U+0000), which is not allowed');
    expect((err.cause as unknown as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ code: 'custom', path: ['payload', 'note'], message: expect.stringContaining('NUL') })]);
  });
});
