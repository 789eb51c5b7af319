import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { delay, edge, graph, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { insertStep, renameStep } from './commands.ts';
import { AUTOSAVE_DELAY_MS, Saver, type SaverApi } from './saver.ts';
import { createEditorStore, undo, type WorkflowMeta } from './store.ts';

const META: WorkflowMeta = { id: 'w', companySlug: 'acme', name: 'W', revision: 1, isEnabled: false, triggerConfig: { type: 'manual' }, published: null };

class Conflict extends Error {}

/** A fake server holding a revision; `saveGraph` checks it like the real one does. */
function fakeServer(initial: Graph) {
  const server = { revision: 1, graph: initial, saves: 0, gate: null as Promise<void> | null, messages: [] as string[], versions: new Map<string, Graph>() };
  const api: SaverApi = {
    async saveGraph({ expectedRevision, graph }) {
      if (server.gate) await server.gate;
      if (expectedRevision !== server.revision) throw new Conflict();
      server.saves++;
      server.graph = graph;
      return { revision: ++server.revision };
    },
    async updateTrigger({ expectedRevision }) {
      if (expectedRevision !== server.revision) throw new Conflict();
      return { revision: ++server.revision };
    },
    async publish({ expectedRevision, message }) {
      if (expectedRevision !== server.revision) throw new Conflict();
      server.messages.push(message);
      return { version: 1 };
    },
    async restore({ versionId, expectedRevision }) {
      if (expectedRevision !== server.revision) throw new Conflict();
      server.graph = server.versions.get(versionId)!;
      return { revision: ++server.revision, version: 1 };
    },
    async fetchLatest() {
      return { graph: server.graph, meta: { ...META, revision: server.revision } };
    },
    describeError: (err) => (err instanceof Conflict ? { code: 'CONFLICT', message: 'conflict' } : { code: null, message: String(err) }),
  };
  return { server, api };
}

function setup() {
  const g = graph([trig(), delay('a')], [edge('t', 'a')]);
  const store = createEditorStore(g, META);
  const { server, api } = fakeServer(g);
  const saver = new Saver(store, api);
  const stop = saver.start();
  return { store, server, saver, stop };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Saver', () => {
  it('autosaves once, AUTOSAVE_DELAY_MS after the last of several edits', async () => {
    const { store, server } = setup();
    renameStep(store, 'a', 'W');
    expect(store.getState().save.state).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    renameStep(store, 'a', 'Wa');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    expect(server.saves).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(server.saves).toBe(1);
    expect(server.graph.steps[1]!.name).toBe('Wa');
    expect(store.getState().save.state).toBe('saved');
    expect(store.getState().meta.revision).toBe(2);
  });

  it('saves at once on flush, and an edit made during a save is saved after it', async () => {
    const { store, server, saver } = setup();
    let open!: () => void;
    server.gate = new Promise((r) => (open = r));
    renameStep(store, 'a', 'first');
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().save.state).toBe('saving');
    renameStep(store, 'a', 'second');
    expect(store.getState().save.state).toBe('saving');
    server.gate = null;
    open();
    expect(await flushed).toBe(false);
    expect(store.getState().save.state).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(server.graph.steps[1]!.name).toBe('second');
    expect(server.revision).toBe(3);
    expect(store.getState().save.state).toBe('saved');
  });

  it('stops on a conflict; reload takes the server draft and clears undo', async () => {
    const { store, server, saver } = setup();
    server.revision = 5; // someone else saved
    server.graph = graph([trig()], []);
    insertStep(store, 'delay', { fallbackCentre: { x: 0, y: 0 } });
    expect(await saver.flush()).toBe(false);
    expect(store.getState().save).toMatchObject({ state: 'error', conflict: true });
    renameStep(store, 'a', 'more');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(server.saves).toBe(0);

    expect(await saver.resolveConflict('reload')).toBe(true);
    expect(store.getState().graph).toBe(server.graph);
    expect(store.getState().meta.revision).toBe(5);
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().save).toMatchObject({ state: 'saved', conflict: false });
    expect(saver.dirty).toBe(false);
  });

  it('overwrite saves the local draft on top of the newer revision', async () => {
    const { store, server, saver } = setup();
    server.revision = 7;
    renameStep(store, 'a', 'mine');
    await saver.flush();
    expect(store.getState().save.conflict).toBe(true);
    expect(await saver.resolveConflict('overwrite')).toBe(true);
    expect(server.graph.steps[1]!.name).toBe('mine');
    expect(store.getState().meta.revision).toBe(8);
    expect(store.getState().save).toMatchObject({ state: 'saved', conflict: false });
  });

  it('publish saves pending edits first, then publishes that revision', async () => {
    const { store, server, saver } = setup();
    renameStep(store, 'a', 'ready');
    const r = await saver.publish('Ready for review');
    expect(r).toEqual({ ok: true, version: 1 });
    expect(server.saves).toBe(1);
    expect(server.messages).toEqual(['Ready for review']);
    expect(store.getState().meta.published).toEqual({ version: 1, sourceRevision: 2 });
  });

  it('trigger updates take the revision in turn with graph saves', async () => {
    const { store, server, saver } = setup();
    renameStep(store, 'a', 'x');
    const [saved, updated] = await Promise.all([saver.flush(), saver.updateTrigger({ type: 'event', event: 'a/b' })]);
    expect(saved).toBe(true);
    expect(updated).toEqual({ ok: true });
    expect(server.revision).toBe(3);
    expect(store.getState().meta).toMatchObject({ revision: 3, triggerConfig: { type: 'event', event: 'a/b' } });
  });

  it('a failed save (not a conflict) shows error and retries on the next edit', async () => {
    const { store, server, saver } = setup();
    const real = server.revision;
    server.gate = Promise.reject(new Error('offline'));
    server.gate.catch(() => undefined);
    renameStep(store, 'a', 'x');
    expect(await saver.flush()).toBe(false);
    expect(store.getState().save).toMatchObject({ state: 'error', conflict: false, message: 'Error: offline' });
    server.gate = null;
    renameStep(store, 'a', 'xy');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(server.revision).toBe(real + 1);
    expect(store.getState().save.state).toBe('saved');
  });

  it('restore saves pending edits first, shows the restored draft, and undo brings the old graph back (and saves it)', async () => {
    const { store, server, saver } = setup();
    const v1 = graph([trig(), delay('old')], [edge('t', 'old')]);
    server.versions.set('v1', v1);
    renameStep(store, 'a', 'pending');
    expect(await saver.restore('v1')).toEqual({ ok: true, version: 1 });
    expect(server.saves).toBe(1); // the pending rename was saved before the restore
    expect(store.getState().graph).toBe(v1);
    expect(store.getState().meta.revision).toBe(3);
    expect(store.getState().save.state).toBe('saved');
    expect(saver.dirty).toBe(false);

    undo(store);
    expect(store.getState().graph.steps.map((s) => s.name)).toEqual(['t', 'pending']);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(server.revision).toBe(4);
    expect(server.graph.steps.map((s) => s.name)).toEqual(['t', 'pending']);
  });

  it('a restore from a stale revision is a conflict, and the draft is left alone', async () => {
    const { store, server, saver } = setup();
    server.versions.set('v1', graph([trig()], []));
    server.revision = 4; // someone else saved
    const before = store.getState().graph;
    const r = await saver.restore('v1');
    expect(r.ok).toBe(false);
    expect(store.getState().save).toMatchObject({ state: 'error', conflict: true });
    expect(store.getState().graph).toBe(before);
  });
});
