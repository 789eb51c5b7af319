/**
 * Autosave and every other write that is guarded by the draft revision (trigger config, publish, restore). Writes run one
 * at a time, each with the revision the previous one returned, so the editor never conflicts with itself.
 * A CONFLICT (someone else saved first) stops autosave until the user picks reload or overwrite.
 */
import type { Graph } from '../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { adoptServerDraft, loadFromServer, type EditorStore, type SaveState, type WorkflowMeta } from './store.ts';

export const AUTOSAVE_DELAY_MS = 800;

export interface SaverApi {
  saveGraph(input: { expectedRevision: number; graph: Graph }): Promise<{ revision: number }>;
  updateTrigger(input: { expectedRevision: number; triggerConfig: TriggerConfig }): Promise<{ revision: number }>;
  publish(input: { expectedRevision: number; message: string }): Promise<{ version: number }>;
  /** Replaces the draft with a published version's graph and trigger. */
  restore(input: { versionId: string; expectedRevision: number }): Promise<{ revision: number; version: number }>;
  fetchLatest(): Promise<{ graph: Graph; meta: WorkflowMeta }>;
  /** Reads a failed call: its tRPC code (CONFLICT, …) and a sentence for the user. */
  describeError(err: unknown): { code: string | null; message: string };
}

export type WriteResult<T = object> = ({ ok: true } & T) | { ok: false; message: string };

export class Saver {
  private savedVersion: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: EditorStore,
    private readonly api: SaverApi,
  ) {
    this.savedVersion = store.getState().editVersion;
  }

  /** Starts watching for edits; returns the stop function, which saves at once what is still pending. */
  start(): () => void {
    this.unsubscribe = this.store.subscribe((s, prev) => {
      if (s.editVersion === prev.editVersion || s.editVersion === this.savedVersion || s.save.conflict) return;
      if (s.save.state !== 'saving') this.setSave('unsaved');
      this.schedule();
    });
    return () => {
      this.unsubscribe?.();
      // Leaving the editor inside the app (a link, the back button) must not lose the last edits.
      if (this.timer) void this.flush();
      this.cancelTimer();
    };
  }

  /** True while there are edits the server has not got. */
  get dirty(): boolean {
    return this.store.getState().editVersion !== this.savedVersion;
  }

  /** Saves now (Ctrl/Cmd+S, before publishing). Resolves true once everything is saved. */
  flush(): Promise<boolean> {
    this.cancelTimer();
    return this.exclusive(() => this.saveOnce());
  }

  updateTrigger(triggerConfig: TriggerConfig): Promise<WriteResult> {
    return this.exclusive(async () => {
      const { meta } = this.store.getState();
      try {
        const r = await this.api.updateTrigger({ expectedRevision: meta.revision, triggerConfig });
        this.patchMeta({ revision: r.revision, triggerConfig });
        return { ok: true };
      } catch (err) {
        return { ok: false, message: this.fail(err) };
      }
    });
  }

  /** Saves pending edits, then publishes the draft as the next version, with the publisher's message. */
  async publish(message = ''): Promise<WriteResult<{ version: number }>> {
    if (!(await this.flush())) return { ok: false, message: this.store.getState().save.message ?? 'Save first' };
    return this.exclusive(async () => {
      const { meta } = this.store.getState();
      try {
        const r = await this.api.publish({ expectedRevision: meta.revision, message });
        this.patchMeta({ published: { version: r.version, sourceRevision: meta.revision } });
        return { ok: true, version: r.version };
      } catch (err) {
        return { ok: false, message: this.fail(err) };
      }
    });
  }

  /**
   * Saves pending edits, then makes a published version the draft again and shows it. The old draft goes on the
   * undo stack. A stale revision (someone saved meanwhile) is a CONFLICT like any other.
   */
  async restore(versionId: string): Promise<WriteResult<{ version: number }>> {
    if (!(await this.flush())) return { ok: false, message: this.store.getState().save.message ?? 'Save first' };
    return this.exclusive(async () => {
      const { meta } = this.store.getState();
      let version: number;
      try {
        version = (await this.api.restore({ versionId, expectedRevision: meta.revision })).version;
      } catch (err) {
        return { ok: false, message: this.fail(err) };
      }
      try {
        const latest = await this.api.fetchLatest();
        adoptServerDraft(this.store, latest.graph, latest.meta);
        this.savedVersion = this.store.getState().editVersion;
        return { ok: true, version };
      } catch (err) {
        // Restored, but we could not read it back: the next save will meet a newer revision and offer a reload.
        return { ok: false, message: `Version ${version} was restored, but the editor could not load it: ${this.api.describeError(err).message}` };
      }
    });
  }

  /** After a CONFLICT: take the server's draft (dropping local edits), or save the local draft over it. */
  resolveConflict(choice: 'reload' | 'overwrite'): Promise<boolean> {
    this.cancelTimer();
    return this.exclusive(async () => {
      let latest: Awaited<ReturnType<SaverApi['fetchLatest']>>;
      try {
        latest = await this.api.fetchLatest();
      } catch (err) {
        this.setSave('error', this.api.describeError(err).message, true);
        return false;
      }
      if (choice === 'reload') {
        loadFromServer(this.store, latest.graph, latest.meta);
        this.savedVersion = this.store.getState().editVersion;
        return true;
      }
      const { meta } = this.store.getState();
      // Keep our trigger edits' view of the world but adopt the server's revision and publish state.
      this.patchMeta({ revision: latest.meta.revision, published: latest.meta.published, isEnabled: latest.meta.isEnabled, triggerConfig: meta.triggerConfig });
      this.setSave('unsaved');
      this.savedVersion = -1;
      return this.saveOnce();
    });
  }

  private schedule() {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, AUTOSAVE_DELAY_MS);
  }

  private cancelTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async saveOnce(): Promise<boolean> {
    const s = this.store.getState();
    if (s.save.conflict) return false;
    if (s.editVersion === this.savedVersion) {
      if (s.save.state !== 'saved') this.setSave('saved');
      return true;
    }
    const version = s.editVersion;
    this.setSave('saving');
    try {
      const r = await this.api.saveGraph({ expectedRevision: s.meta.revision, graph: s.graph });
      this.savedVersion = version;
      this.patchMeta({ revision: r.revision });
      const dirty = this.store.getState().editVersion !== version;
      this.setSave(dirty ? 'unsaved' : 'saved');
      if (dirty) this.schedule();
      return !dirty;
    } catch (err) {
      this.fail(err, true);
      return false;
    }
  }

  /**
   * Returns the sentence to show for a failed write. A conflict always stops autosave; other failures mark the
   * save state only for graph saves (a refused publish says so where the user clicked).
   */
  private fail(err: unknown, isGraphSave = false): string {
    const info = this.api.describeError(err);
    const conflict = info.code === 'CONFLICT';
    const message = conflict ? 'Someone else saved this workflow after you opened it' : info.message;
    if (conflict || isGraphSave) this.setSave('error', message, conflict);
    return message;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private setSave(state: SaveState, message: string | null = null, conflict = false) {
    this.store.setState({ save: { state, message, conflict } });
  }

  private patchMeta(patch: Partial<WorkflowMeta>) {
    this.store.setState({ meta: { ...this.store.getState().meta, ...patch } });
  }
}
