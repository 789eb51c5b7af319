/**
 * runs.watch over server-sent events, delivered in batches of one animation frame. The link resumes after the
 * last event id when the connection comes back (and the server first re-sends a watched run's whole state), so a
 * final state that happened while the connection was down still arrives. If the stream ends with an error
 * (signed out, a server restart answered 503), it is opened again after a pause.
 */
import { useEffect, useRef, useState } from 'react';
import type { LiveChange } from '../../shared/live/run-step-change.ts';
import { useTRPCClient } from '../trpc.ts';
import { createFrameBatcher } from './frame-batcher.ts';

export type { LiveChange };
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

const RESUBSCRIBE_MS = 2000;

export function useLiveFeed(input: { companySlug: string; runId?: string | undefined }, onBatch: (changes: LiveChange[]) => void, enabled = true): ConnectionState {
  const client = useTRPCClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [attempt, setAttempt] = useState(0);
  const handler = useRef(onBatch);
  /** The last tracked event id seen, so a stream opened again after an error resumes where this one stopped. */
  const lastEventId = useRef<{ feed: string; id: string } | null>(null);
  useEffect(() => {
    handler.current = onBatch;
  });
  const { companySlug, runId } = input;

  useEffect(() => {
    if (!enabled) return;
    const batcher = createFrameBatcher<LiveChange>((items) => handler.current(items));
    let connectedOnce = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const feed = `${companySlug}/${runId ?? ''}`;
    const resume = lastEventId.current?.feed === feed ? { lastEventId: lastEventId.current.id } : {};
    const sub = client.runs.watch.subscribe({ companySlug, ...(runId ? { runId } : {}), ...resume }, {
      onStarted() {
        connectedOnce = true;
        setState('live');
      },
      onData(event) {
        lastEventId.current = { feed, id: event.id };
        batcher.push(event.data);
      },
      onConnectionStateChange(s) {
        if (s.state === 'connecting') setState(connectedOnce ? 'reconnecting' : 'connecting');
        else if (s.state === 'pending') setState('live');
      },
      onError() {
        setState('reconnecting');
        retry = setTimeout(() => setAttempt((n) => n + 1), RESUBSCRIBE_MS);
      },
    });
    return () => {
      if (retry) clearTimeout(retry);
      sub.unsubscribe();
      batcher.dispose();
    };
  }, [client, companySlug, runId, enabled, attempt]);


  return state;
}
