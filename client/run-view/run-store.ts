/** One store per open run: the live status map, fed by runs.watch and by snapshots, read by nodes per id. */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { applyChanges, applySnapshot, EMPTY_LIVE, type LiveChange, type LiveState, type StepRow } from './run-state.ts';

export type RunStore = StoreApi<LiveState>;

export function createRunStore(): RunStore {
  return createStore<LiveState>(() => EMPTY_LIVE);
}

export function pushChanges(store: RunStore, runId: string, changes: readonly LiveChange[]): void {
  const prev = store.getState();
  const next = applyChanges(prev, runId, changes);
  if (next !== prev) store.setState(next, true);
}

export function pushSnapshot(store: RunStore, run: { status: string; changeSeq: number }, rows: readonly StepRow[]): void {
  store.setState(applySnapshot(store.getState(), run, rows), true);
}

export const RunStoreContext = createContext<RunStore | null>(null);

export function useRunLive<T>(selector: (s: LiveState) => T): T {
  const store = useContext(RunStoreContext);
  if (!store) throw new Error('useRunLive outside a run view');
  return useStore(store, selector);
}
