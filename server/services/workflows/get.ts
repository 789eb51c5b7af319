import { eq } from 'drizzle-orm';
import { workflowVersions } from '../../../drizzle/schema/index.ts';
import { stepDefaultsOf } from '../../../shared/settings/company-settings.ts';
import { getCompanySettings } from '../companies/settings.ts';
import type { Tx } from '../../db/client.ts';
import { draftIssues } from './draft-issues.ts';
import { loadDraftGraph } from './graph-rows.ts';
import { loadWorkflow } from './load.ts';

export async function getWorkflow(tx: Tx, id: string) {
  const wf = await loadWorkflow(tx, id);
  const graph = await loadDraftGraph(tx, id);
  const published = wf.publishedVersionId
    ? (await tx.select({ id: workflowVersions.id, version: workflowVersions.version, sourceRevision: workflowVersions.sourceRevision, createdAt: workflowVersions.createdAt })
        .from(workflowVersions).where(eq(workflowVersions.id, wf.publishedVersionId)))[0] ?? null
    : null;
  return {
    id: wf.id,
    name: wf.name,
    description: wf.description,
    isEnabled: wf.isEnabled,
    triggerConfig: wf.triggerConfig,
    revision: wf.revision,
    updatedAt: wf.updatedAt,
    createdAt: wf.createdAt,
    graph,
    issues: await draftIssues(tx, graph),
    published,
    /** True when the draft differs from what was last published (any change bumps the revision). */
    hasUnpublishedChanges: !published || published.sourceRevision !== wf.revision,
    /** What new steps added in the editor start with, from the company's settings. */
    stepDefaults: stepDefaultsOf(await getCompanySettings(tx)),
  };
}
