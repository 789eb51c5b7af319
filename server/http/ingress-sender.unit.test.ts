import { describe, expect, it } from 'vitest';
import type { CatalogEvent } from '../../shared/events/index.ts';
import { coalescingSender } from './ingress-sender.ts';

const ev = (id: string) => ({ id, name: 'listing/publish.requested', data: { companyId: 'c' } }) as CatalogEvent;

/** A send that the test completes by hand, recording each batch. */
function manualSend() {
  const batches: string[][] = [];
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const send = (events: CatalogEvent[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(events.map((e) => e.id));
      pending.push({ resolve, reject });
    });
  return { batches, pending, send };
}

describe('coalescingSender (group commit for the ingress)', () => {
  it('sends at once when idle, and batches what arrives while sends are in flight, keeping each request whole', async () => {
    const m = manualSend();
    const send = coalescingSender(m.send, { maxInFlight: 1 });
    const first = send([ev('a')]);
    const rest = [send([ev('b'), ev('c')]), send([ev('d')])];
    expect(m.batches).toEqual([['a']]);
    m.pending.shift()!.resolve();
    await first;
    expect(m.batches).toEqual([['a'], ['b', 'c', 'd']]);
    m.pending.shift()!.resolve();
    await Promise.all(rest);
  });

  it('a failed send fails every request of its batch, and the next batch still goes', async () => {
    const m = manualSend();
    const send = coalescingSender(m.send, { maxInFlight: 1 });
    const first = send([ev('a')]);
    const b = send([ev('b')]);
    const c = send([ev('c')]);
    m.pending.shift()!.reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    m.pending.shift()!.reject(new Error('still down'));
    await expect(b).rejects.toThrow('still down');
    await expect(c).rejects.toThrow('still down');
    const d = send([ev('d')]);
    expect(m.batches.at(-1)).toEqual(['d']);
    m.pending.shift()!.resolve();
    await d;
  });

  it('bounds a batch by events and bytes, never splitting a request', async () => {
    const m = manualSend();
    const send = coalescingSender(m.send, { maxInFlight: 1, maxEvents: 4, maxBytes: 10_000 });
    const all = [send([ev('a')]), send([ev('b'), ev('c')]), send([ev('d'), ev('e')]), send([ev('f')], 9_000), send([ev('g')], 2_000)];
    while (m.pending.length) {
      m.pending.shift()!.resolve();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    // b..e: four events (the bound); f: alone, as f and g together are over 10,000 bytes.
    expect(m.batches).toEqual([['a'], ['b', 'c', 'd', 'e'], ['f'], ['g']]);
  });

  it('runs up to maxInFlight sends at once', () => {
    const m = manualSend();
    const send = coalescingSender(m.send, { maxInFlight: 2 });
    void send([ev('a')]);
    void send([ev('b')]);
    void send([ev('c')]);
    expect(m.batches).toEqual([['a'], ['b']]);
  });
});
