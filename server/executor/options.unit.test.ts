import { describe, expect, it } from 'vitest';
import { Executor } from './executor.ts';
import { syncProblems, unsupportedOptions } from './options.ts';
import type { SdkTransport } from './transport.ts';

const fn = (extra: Record<string, unknown>) => ({ id: 'app-fn', name: 'fn', triggers: [{ event: 'a/b' }], steps: { step: { id: 'step', name: 'step', runtime: { type: 'http', url: 'http://x' } } }, ...extra });

describe('sync: options the executor cannot honour fail loudly', () => {
  it('accepts every option the executor models', () => {
    expect(
      unsupportedOptions(
        fn({
          throttle: { limit: 2, period: '6s', burst: 1, key: 'event.data.k' },
          batchEvents: { maxSize: 3, timeout: '2s', key: 'event.data.k', if: 'event.data.ok == true' },
          priority: { run: 'event.data.p' },
          singleton: { key: 'event.data.k', mode: 'cancel' },
          timeouts: { start: '1s', finish: '5s' },
          concurrency: [{ limit: 2, scope: 'env', key: 'event.data.k' }, { limit: 1 }],
          rateLimit: { limit: 1, period: '1m' },
          debounce: { period: '1s', timeout: '5s' },
          cancel: [{ event: 'a/c', if: 'x', timeout: '1h' }],
          idempotency: 'event.data.id',
        }),
      ),
    ).toEqual([]);
  });

  it('names an unknown option, an unknown field of a known one, and a third concurrency limit', () => {
    expect(unsupportedOptions(fn({ experimentalQueue: { lanes: 3 } }))).toEqual(['experimentalQueue']);
    expect(unsupportedOptions(fn({ rateLimit: { limit: 1, period: '1m', burst: 4 } }))).toEqual(['rateLimit.burst']);
    expect(unsupportedOptions(fn({ triggers: [{ cron: '* * * * *', jitter: '10s' }] }))).toEqual(['triggers.jitter']);
    expect(unsupportedOptions(fn({ concurrency: [{ limit: 1 }, { limit: 2 }, { limit: 3 }] }))).toEqual(['concurrency (more than two limits)']);
  });

  it('names a value the schema refuses', () => {
    expect(syncProblems([fn({ singleton: { key: 'k', mode: 'queue' } })])).toEqual([expect.stringMatching(/^function app-fn: 'singleton.mode'/)]);
  });

  it('Executor.sync refuses the whole app, naming the function and the option', async () => {
    const transport: SdkTransport = {
      url: 'in-process://test',
      sync: async () => ({ status: 200, headers: new Headers(), body: JSON.stringify({ app_id: 'app', functions: [fn({}), { ...fn({ throttle: { limit: 1, period: '1s', jitter: '1s' } }), id: 'app-other' }] }) }),
      call: async () => {
        throw new Error('never called');
      },
    };
    const executor = new Executor({ sql: null as never, transport });
    await expect(executor.sync()).rejects.toThrow(/function app-other: the embedded executor does not support 'throttle.jitter'/);
  });
});
