/** Builds the editor's Saver over the tRPC mutations and keeps it running while the editor is open. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Saver } from '../canvas/saver.ts';
import type { EditorStore, WorkflowMeta } from '../canvas/store.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';

export type WorkflowDetail = RouterOutputs['workflows']['get'];

export function toWorkflowMeta(wf: WorkflowDetail, companySlug: string): WorkflowMeta {
  return {
    id: wf.id,
    companySlug,
    name: wf.name,
    revision: wf.revision,
    isEnabled: wf.isEnabled,
    triggerConfig: wf.triggerConfig,
    published: wf.published ? { version: wf.published.version, sourceRevision: wf.published.sourceRevision } : null,
    stepDefaults: wf.stepDefaults,
  };
}

export function useEditorSaver(store: EditorStore): Saver {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.workflows.saveGraph.mutationOptions());
  const update = useMutation(trpc.workflows.update.mutationOptions());
  const publish = useMutation(trpc.workflows.publish.mutationOptions());
  const restore = useMutation(trpc.versions.restore.mutationOptions());
  // The saver lives as long as the editor; it reaches the latest mutation functions through this ref.
  const calls = useRef({ save: save.mutateAsync, update: update.mutateAsync, publish: publish.mutateAsync, restore: restore.mutateAsync });
  calls.current = { save: save.mutateAsync, update: update.mutateAsync, publish: publish.mutateAsync, restore: restore.mutateAsync };

  const [saver] = useState(() => {
    const { id, companySlug } = store.getState().meta;
    return new Saver(store, {
      saveGraph: ({ expectedRevision, graph }) => calls.current.save({ companySlug, id, expectedRevision, graph }),
      updateTrigger: ({ expectedRevision, triggerConfig }) => calls.current.update({ companySlug, id, expectedRevision, triggerConfig }),
      publish: ({ expectedRevision, message }) => calls.current.publish({ companySlug, id, expectedRevision, ...(message.trim() ? { message: message.trim() } : {}) }),
      restore: ({ versionId, expectedRevision }) => calls.current.restore({ companySlug, workflowId: id, id: versionId, expectedRevision }),
      async fetchLatest() {
        const wf = await queryClient.fetchQuery({ ...trpc.workflows.get.queryOptions({ companySlug, id }), staleTime: 0 });
        return { graph: wf.graph, meta: toWorkflowMeta(wf, companySlug) };
      },
      describeError(err) {
        const info = apiError(err);
        return { code: info.code, message: info.message };
      },
    });
  });

  useEffect(() => (store.getState().access.edit ? saver.start() : undefined), [saver, store]);

  useEffect(() => {
    // Leaving with unsaved edits asks first (the browser shows its own wording).
    function warn(e: BeforeUnloadEvent) {
      if (saver.dirty) e.preventDefault();
    }
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saver]);

  return saver;
}
