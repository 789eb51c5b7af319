/** The demo workflows of DOMAIN.md §4.6, drawn from the step kinds that exist today. */
import type { Edge, EdgeLabel, Graph, Step, StepType } from '../../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';

export interface DemoWorkflow {
  name: string;
  description: string;
  triggerConfig: TriggerConfig;
  enabled: boolean;
  graph: Graph;
}

const COL = 280;
const ROW = 140;

function s(id: string, kind: string, type: StepType, name: string, col: number, row: number, config: Record<string, unknown> = {}): Step {
  return { id, kind, type, name, config, position: { x: col * COL, y: row * ROW } };
}
function e(source: string, target: string, label: EdgeLabel | null = null): Edge {
  return { id: `${source}-${target}`, source, target, label };
}
const trigger = (row = 0) => s('trigger', 'trigger', 'trigger', 'Trigger', 0, row);

export const DEMO_WORKFLOWS: Record<string, DemoWorkflow[]> = {
  'copper-kettle': [
    {
      name: 'Post-enrichment review & publish',
      description: 'After an enrichment job: auto-apply when nothing needs review, otherwise ask a content manager first.',
      triggerConfig: { type: 'enrichment_completed', statuses: ['completed', 'partial'] },
      enabled: true,
      graph: {
        steps: [
          trigger(1),
          s('n2', 'condition', 'condition', 'Nothing pending review?', 1, 1, { expression: 'event.data.stats.pendingReview == 0' }),
          s('n3', 'human_gate', 'human_gate', 'Content manager review', 2, 2, {
            instructions: 'Review the pending enrichment suggestions for this job, then approve to apply them.',
            assigneeRole: 'approver', timeout: '3d', onTimeout: 'reject', noSelfApproval: false,
          }),
          s('n4', 'transform', 'action', 'Apply approved suggestions', 3, 1, { mapping: { applied: 'true', jobId: 'event.data.jobId' } }),
          s('n7', 'create_task', 'action', 'Follow up rejected suggestions', 3, 3, { title: 'Rework rejected enrichment suggestions', priority: 'medium', assigneeRole: 'editor' }),
          s('n5', 'emit_event', 'action', 'Audit the enriched products', 4, 1, { event: 'audit/requested', data: { productIds: 'event.data.productIds' } }),
          s('n6', 'emit_event', 'action', 'Publish to retailers', 5, 1, { event: 'listing/publish.requested', data: { jobId: 'event.data.jobId' } }),
          s('n8', 'emit_event', 'action', 'Notify the team', 6, 1, { event: 'notification/requested', data: { message: "'Enrichment published'" } }),
        ],
        edges: [e('trigger', 'n2'), e('n2', 'n4', 'yes'), e('n2', 'n3', 'no'), e('n3', 'n4', 'yes'), e('n3', 'n7', 'no'), e('n4', 'n5'), e('n5', 'n6'), e('n6', 'n8')],
      },
    },
    {
      name: 'Content-change guard',
      description: 'When a title, bullets or net content change, audit the product, then publish it or open a task.',
      triggerConfig: { type: 'field_changed', fields: ['title', 'bullets', 'net_content'] },
      enabled: true,
      graph: {
        steps: [
          trigger(),
          s('n1', 'run_audit', 'action', 'Audit the changed product', 1, 0),
          s('n2', 'condition', 'condition', 'Audit clean?', 2, 0, { expression: 'steps.n1.errors == 0' }),
          s('n3', 'emit_event', 'action', 'Publish listing', 3, -0.5, { event: 'listing/publish.requested', data: { productId: 'event.data.productId' } }),
          s('n4', 'create_task', 'action', 'Open audit finding', 3, 0.5, { title: 'A content change failed the audit', priority: 'high', assigneeRole: 'editor' }),
        ],
        edges: [e('trigger', 'n1'), e('n1', 'n2'), e('n2', 'n3', 'yes'), e('n2', 'n4', 'no')],
      },
    },
    {
      name: 'Monday Walmart freshness',
      description: 'Every Monday at 7:00 Chicago time: check Walmart completeness, open tasks for gaps, run a shadow enrichment.',
      triggerConfig: { type: 'schedule', cron: '0 7 * * 1', timezone: 'America/Chicago' },
      enabled: false,
      graph: {
        steps: [
          trigger(),
          s('n1', 'emit_event', 'action', 'Check Walmart completeness', 1, 0, { event: 'audit/requested', data: { retailer: "'walmart_us'" } }),
          s('n2', 'create_task', 'action', 'Task for completeness gaps', 2, 0, { title: 'Fill Walmart completeness gaps', priority: 'medium', assigneeRole: 'editor' }),
          s('n3', 'emit_event', 'action', 'Shadow enrichment baseline', 3, 0, {
            event: 'enrichment/shadow.run',
            data: { shadowRunId: 'run.id', retailer: "'walmart_us'", fields: "['title', 'bullets']", skill: "'generate_title'", reason: "'watchdog_baseline'" },
          }),
        ],
        edges: [e('trigger', 'n1'), e('n1', 'n2'), e('n2', 'n3')],
      },
    },
    {
      name: 'New product: images, enrichment and review',
      description: 'On a main image upload: validate the images for every retailer, enrich the copy with Claude, then publish when everything is clean and confident, or ask a content manager.',
      triggerConfig: { type: 'event', event: 'asset/uploaded', filter: "has(event.data.intendedRole) && event.data.intendedRole == 'main'" },
      enabled: true,
      graph: {
        steps: [
          trigger(1),
          s('n1', 'validate_images', 'action', 'Validate images', 1, 1),
          s('n2', 'enrich_products', 'action', 'Enrich with Claude', 2, 1, { fields: ['title', 'bullets', 'description'] }),
          s('n3', 'condition', 'condition', 'Clean and confident?', 3, 1, { expression: 'steps.n1.passed && steps.n2.failed == 0 && steps.n2.minConfidence >= 0.9' }),
          s('n4', 'human_gate', 'human_gate', 'Content manager review', 4, 2, {
            instructions: 'Check the image results and the enrichment suggestions for this product; approve to publish.',
            assigneeRole: 'approver', timeout: '3d', onTimeout: 'reject', noSelfApproval: false,
          }),
          s('n5', 'emit_event', 'action', 'Publish listing', 5, 1, { event: 'listing/publish.requested', data: { productId: 'event.data.productId' } }),
          s('n6', 'create_task', 'action', 'Rework product content', 5, 3, { title: 'Rework the new product before publishing', priority: 'medium', assigneeRole: 'editor' }),
        ],
        edges: [e('trigger', 'n1'), e('n1', 'n2'), e('n2', 'n3'), e('n3', 'n5', 'yes'), e('n3', 'n4', 'no'), e('n4', 'n5', 'yes'), e('n4', 'n6', 'no')],
      },
    },
  ],
  bluewater: [
    {
      name: 'New product intake',
      description: 'When products are uploaded, ask for a quick approval before they go to retailers.',
      triggerConfig: { type: 'event', event: 'product/uploaded' },
      enabled: false,
      graph: {
        steps: [
          trigger(),
          s('n1', 'human_gate', 'human_gate', 'Approve new products', 1, 0, { instructions: 'Check the uploaded products look right.', assigneeRole: 'approver', timeout: '2d', onTimeout: 'fail', noSelfApproval: false }),
          s('n2', 'emit_event', 'action', 'Publish listing', 2, 0, { event: 'listing/publish.requested', data: { productIds: 'event.data.productIds' } }),
        ],
        edges: [e('trigger', 'n1'), e('n1', 'n2', 'yes')],
      },
    },
  ],
};
