/**
 * Group commit for the ingress: requests that arrive while earlier sends are in flight are sent together, as one
 * `sendEvent` call (one Inngest event-API request; with the embedded executor, one ingest transaction). Under load
 * this turns a few hundred single-event requests into one batch instead of as many transactions, each of which the
 * executor serialises per event name; with no load, a request's events go out at once, alone.
 * Each request's events stay together in one batch, so a request is still all or nothing: a failed send fails every
 * request in its batch and writes none of them.
 */
import type { CatalogEvent } from '../../shared/events/index.ts';

export interface CoalescingOptions {
  /**
   * Sends allowed in flight at once (default 1). The embedded executor serialises ingest per event name, so a second
   * batch would mostly wait for the first's lock: with one, batches are larger and bench:ingest ~15% faster.
   */
  maxInFlight?: number;
  /** Events per batch at most (default 500); a single request's events are never split. */
  maxEvents?: number;
  /** JSON bytes per batch at most (default 1 MB, Inngest's and the ingress's request bound). */
  maxBytes?: number;
}

interface Pending {
  events: CatalogEvent[];
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function coalescingSender(send: (events: CatalogEvent[]) => Promise<void>, opts: CoalescingOptions = {}) {
  const maxInFlight = opts.maxInFlight ?? 1;
  const maxEvents = opts.maxEvents ?? 500;
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const queue: Pending[] = [];
  let inFlight = 0;

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch: Pending[] = [queue.shift()!];
      let events = batch[0]!.events.length;
      let bytes = batch[0]!.bytes;
      while (queue.length > 0 && events + queue[0]!.events.length <= maxEvents && bytes + queue[0]!.bytes <= maxBytes) {
        const next = queue.shift()!;
        batch.push(next);
        events += next.events.length;
        bytes += next.bytes;
      }
      inFlight++;
      // The next batch starts before this one's callers go on.
      const settle = (done: (p: Pending) => void) => {
        inFlight--;
        pump();
        batch.forEach(done);
      };
      send(batch.flatMap((p) => p.events)).then(
        () => settle((p) => p.resolve()),
        (err: unknown) => settle((p) => p.reject(err)),
      );
    }
  };

  return function sendCoalesced(events: CatalogEvent[], bytes = Buffer.byteLength(JSON.stringify(events))): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      queue.push({ events, bytes, resolve, reject });
      pump();
    });
  };
}
