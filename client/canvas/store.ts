/**
 * The editor's state: one zustand store per open workflow (created by the page, handed down by context), so two
 * editors never share state and components subscribe to the slice they draw.
 *
 * Glossary
 * - graph: the draft as the user sees it; every edit replaces it immutably.
 * - commit: an edit that goes on the undo stack and counts for autosave (editVersion + 1).
 * - editVersion: increments with each persisted change; the saver compares it with the version it last saved.
 * - meta: what the server knows about the workflow (revision, published version, trigger, enabled).
 * - diff: set on a read-only store that shows a comparison; marks each step and edge added, removed, changed or moved.
 * - policies: the company's approval policies; a step that breaks one is an issue (POLICY) like any other.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { useStoreWithEqualityFn } from 'zustand/traditional';
import type { EdgeDiff, StepDiff } from '../../shared/graph/diff.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { validateDag } from '../../shared/graph/validate.ts';
import { policyDagIssues, type ApprovalPolicy } from '../../shared/approvals/policy.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import type { Size } from './graph-mapping.ts';
import type { StepDefaults } from '../../shared/settings/company-settings.ts';
import { emptyHistory, record, redo as redoHistory, undo as undoHistory, type History } from './history.ts';
import { indexIssues, type IssueIndex } from './issue-index.ts';

export const SAVE_STATES = ['saved', 'saving', 'unsaved', 'error'] as const;
export type SaveState = (typeof SAVE_STATES)[number];

export interface WorkflowMeta {
  id: string;
  companySlug: string;
  name: string;
  revision: number;
  isEnabled: boolean;
  triggerConfig: TriggerConfig;
  /** The published version and the draft revision it was made from; null before the first publish. */
  published: { version: number; sourceRevision: number } | null;
  /** The company's overrides for new steps' config (from its settings); absent means the kinds' own defaults. */
  stepDefaults?: StepDefaults;
}

export interface Selection {
  steps: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface EditorState {
  graph: Graph;
  issues: IssueIndex;
  selection: Selection;
  /** Rendered node sizes reported by React Flow; UI state, never saved or undone. */
  sizes: ReadonlyMap<string, Size>;
  history: History<Graph>;
  editVersion: number;
  /** True between the first and the last position change of a drag (the drag is one undo step). */
  dragging: boolean;
  snapToGrid: boolean;
  /** A short message near the canvas, e.g. why a connection was refused. `id` restarts its timer. */
  hint: { message: string; id: number } | null;
  /** Asks the config panel to focus a field (from the issues list). */
  focus: { stepId: string; field?: string; id: number } | null;
  meta: WorkflowMeta;
  save: { state: SaveState; message: string | null; conflict: boolean };
  /** How many times the clipboard was pasted since the last copy: each paste lands a little further along. */
  pasteCount: number;
  /** What the user's role allows here; a viewer gets a read-only canvas. */
  access: Access;
  /** A comparison drawn on this (read-only) canvas: what happened to each step and edge, by id. */
  diff: DiffMarks | null;
  /** A short message in the header ("Published version 3"); `id` restarts its timer. */
  notice: { text: string; tone: 'success' | 'error'; id: number } | null;
  /** The company's approval policies (arrive after the store is made); publish refuses a draft that breaks one. */
  policies: readonly ApprovalPolicy[];
  /** False for a published version or a comparison: no issues at all. */
  validates: boolean;
}

export interface DiffMarks {
  steps: ReadonlyMap<string, StepDiff>;
  /** By the id of the edge as drawn (a removed edge gets a fresh one). */
  edges: ReadonlyMap<string, EdgeDiff>;
}

export interface Access {
  edit: boolean;
  run: boolean;
}

export type EditorStore = StoreApi<EditorState>;

export const EMPTY_SELECTION: Selection = { steps: new Set(), edges: new Set() };

export interface StoreOptions {
  /** Marks to draw (a comparison). */
  diff?: DiffMarks;
  /** False for a published version or a comparison: no issue badges (a merged diff graph is not a real workflow). */
  validate?: boolean;
}

export function createEditorStore(graph: Graph, meta: WorkflowMeta, access: Access = { edit: true, run: true }, opts: StoreOptions = {}): EditorStore {
  return createStore<EditorState>()(() => ({
    graph,
    issues: indexIssues(opts.validate === false ? [] : validateDag(graph)),
    policies: [],
    validates: opts.validate !== false,
    selection: EMPTY_SELECTION,
    sizes: new Map(),
    history: emptyHistory<Graph>(),
    editVersion: 0,
    dragging: false,
    snapToGrid: true,
    hint: null,
    focus: null,
    meta,
    save: { state: 'saved', message: null, conflict: false },
    pasteCount: 0,
    access,
    diff: opts.diff ?? null,
    notice: null,
  }));
}

/** Everything that stops the draft from being published: its own issues and the company policies it breaks. */
function draftIssues(graph: Graph, policies: readonly ApprovalPolicy[]): IssueIndex {
  return indexIssues(policies.length ? [...validateDag(graph), ...policyDagIssues(graph, [...policies])] : validateDag(graph));
}

/** The company's policies arrived (or changed): the steps that break one are marked from now on, edit by edit. */
export function setPolicies(store: EditorStore, policies: readonly ApprovalPolicy[]): void {
  const s = store.getState();
  store.setState({ policies, ...(s.validates ? { issues: draftIssues(s.graph, policies) } : {}) });
}

/**
 * Records an edit: the old graph goes on the undo stack (coalesced under `key`), issues are recomputed, autosave
 * is due. `select` replaces the selection (e.g. to select what was just pasted).
 */
export function commit(store: EditorStore, next: Graph, opts: { key?: string; select?: Selection } = {}): void {
  const s = store.getState();
  if (next === s.graph && !opts.select) return;
  if (next === s.graph) {
    store.setState({ selection: opts.select! });
    return;
  }
  store.setState({
    graph: next,
    issues: draftIssues(next, s.policies),
    history: record(s.history, s.graph, opts.key ?? null),
    editVersion: s.editVersion + 1,
    selection: pruneSelection(opts.select ?? s.selection, next),
  });
}

export function undo(store: EditorStore): void {
  const s = store.getState();
  const r = undoHistory(s.history, s.graph);
  if (r) replaceFromHistory(store, r.value, r.history);
}

export function redo(store: EditorStore): void {
  const s = store.getState();
  const r = redoHistory(s.history, s.graph);
  if (r) replaceFromHistory(store, r.value, r.history);
}

function replaceFromHistory(store: EditorStore, graph: Graph, history: History<Graph>) {
  const s = store.getState();
  store.setState({ graph, history, issues: draftIssues(graph, s.policies), editVersion: s.editVersion + 1, selection: pruneSelection(s.selection, graph) });
}

/**
 * Recomputes the issues after a rule outside the graph changed: the server's outbound allowlist arrived, and an HTTP
 * step's private URL it covers is no longer an issue. A store built without validation (a published version, a
 * comparison) has no issues and keeps none; the allowlist only ever widens what passes.
 */
export function revalidate(store: EditorStore): void {
  const s = store.getState();
  if (s.issues.all.length) store.setState({ issues: draftIssues(s.graph, s.policies) });
}

/**
 * Replaces everything with what the server has ("reload" after a conflict). Clears undo. Not an edit: editVersion
 * stays, so the saver sees nothing to save.
 */
export function loadFromServer(store: EditorStore, graph: Graph, meta: WorkflowMeta): void {
  store.setState({
    graph,
    meta,
    issues: draftIssues(graph, store.getState().policies),
    history: emptyHistory<Graph>(),
    selection: EMPTY_SELECTION,
    save: { state: 'saved', message: null, conflict: false },
  });
}

/**
 * Takes a draft the server replaced on our behalf (a restored version). Unlike a reload it is an edit the user
 * made: the graph before it goes on the undo stack, so Ctrl+Z brings it back (and autosave then saves it).
 * editVersion stays: the server already has this graph.
 */
export function adoptServerDraft(store: EditorStore, graph: Graph, meta: WorkflowMeta): void {
  const s = store.getState();
  store.setState({
    graph,
    meta,
    issues: draftIssues(graph, s.policies),
    history: record(s.history, s.graph),
    selection: EMPTY_SELECTION,
    save: { state: 'saved', message: null, conflict: false },
  });
}

let noticeIds = 0;
export function notify(store: EditorStore, text: string, tone: 'success' | 'error' = 'success'): void {
  store.setState({ notice: { text, tone, id: ++noticeIds } });
}

export function setSelection(store: EditorStore, steps: Iterable<string>, edges: Iterable<string> = []): void {
  store.setState({ selection: { steps: new Set(steps), edges: new Set(edges) } });
}

let hintIds = 0;
export function showHint(store: EditorStore, message: string | null): void {
  const current = store.getState().hint;
  if (message === null ? current === null : current?.message === message) return;
  store.setState({ hint: message === null ? null : { message, id: ++hintIds } });
}

let focusIds = 0;
export function requestFocus(store: EditorStore, stepId: string, field?: string): void {
  setSelection(store, [stepId]);
  store.setState({ focus: { stepId, ...(field ? { field } : {}), id: ++focusIds } });
}

function pruneSelection(sel: Selection, graph: Graph): Selection {
  const steps = new Set(graph.steps.map((s) => s.id));
  const edges = new Set(graph.edges.map((e) => e.id));
  const keepSteps = [...sel.steps].filter((id) => steps.has(id));
  const keepEdges = [...sel.edges].filter((id) => edges.has(id));
  if (keepSteps.length === sel.steps.size && keepEdges.length === sel.edges.size) return sel;
  return { steps: new Set(keepSteps), edges: new Set(keepEdges) };
}

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore outside the editor');
  return store;
}

export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/** Like useEditor, for a selector that builds a new value each time: re-renders only when `equal` says it changed. */
export function useEditorWith<T>(selector: (s: EditorState) => T, equal: (a: T, b: T) => boolean): T {
  return useStoreWithEqualityFn(useEditorStore(), selector, equal);
}
