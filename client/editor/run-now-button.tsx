/**
 * The editor's "Run now": the runs' dialog, fixed on this workflow, starting its published version. The started run
 * is then shown on the canvas, live, with a link to it (editor-run.tsx): the editor stays open.
 */
import { useState } from 'react';
import { useEditor } from '../canvas/store.ts';
import { RunNowButton, RunNowDialog } from '../runs/run-now-dialog.tsx';
import { useEditorRun } from './editor-run.tsx';

export function EditorRunNow() {
  const meta = useEditor((s) => s.meta);
  const canRun = useEditor((s) => s.access.run);
  const { show } = useEditorRun();
  const [open, setOpen] = useState(false);
  const { published } = meta;
  const hasDraftChanges = published?.sourceRevision !== meta.revision;
  const reason = !canRun ? 'Your role cannot start runs' : !published ? 'Publish first: a run uses the published version' : null;

  return (
    <>
      <span title={reason ?? 'Start a run now with a sample payload'}>
        <RunNowButton data-testid="run-now" disabled={!!reason} onClick={() => setOpen(true)} />
      </span>
      {published && (
        <RunNowDialog
          open={open}
          onClose={() => setOpen(false)}
          companySlug={meta.companySlug}
          workflows={[{ id: meta.id, name: meta.name, publishedVersion: published.version, triggerConfig: meta.triggerConfig }]}
          fixedWorkflowId={meta.id}
          description={`Starts a run of version ${published.version} with this payload as its event data, and shows it on the canvas as it goes.${hasDraftChanges ? ' Draft changes that are not published are not part of it.' : ''}`}
          onStarted={(runId) => {
            setOpen(false);
            show(runId);
          }}
          sample={false}
        />
      )}
    </>
  );
}
