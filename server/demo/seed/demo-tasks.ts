/**
 * Assignment rules and the tasks T1–T8 of DOMAIN.md §4.6, in states that exercise routing and escalation. Times are
 * hours relative to the moment the seed runs. T5 (an open gate of a W1 run) is not seeded: a gate task belongs to a
 * run the executor is walking, so it appears when W1 runs and reaches its approval step.
 */
import type { TaskPriority, TaskType } from '../../../shared/tasks/vocab.ts';
import type { TaskStatus } from '../../../shared/runs/status.ts';
import type { Role } from '../../../shared/roles.ts';

export interface DemoRule {
  taskType: TaskType | null;
  category?: string;
  retailer?: string;
  assignee: { email: string } | { role: Role };
  sort: number;
}

const BY_CATEGORY: [string, string][] = [['coffee', 'marcus@copperkettle.example'], ['hand_soap', 'dana@copperkettle.example'], ['dog_treats', 'luis@copperkettle.example']];
const CATEGORY_TYPES: TaskType[] = ['channel_rejection', 'import_failure', 'audit_finding', 'enrichment_review'];

export const DEMO_RULES: Record<string, DemoRule[]> = {
  'copper-kettle': [
    { taskType: 'pdp_drift', assignee: { email: 'hannah@copperkettle.example' }, sort: 10 },
    { taskType: 'image_noncompliant', assignee: { email: 'sam@copperkettle.example' }, sort: 20 },
    { taskType: 'spec_change', assignee: { email: 'priya@copperkettle.example' }, sort: 30 },
    { taskType: 'human_gate', assignee: { email: 'priya@copperkettle.example' }, sort: 40 },
    ...CATEGORY_TYPES.flatMap((taskType, i) => BY_CATEGORY.map(([category, email], j): DemoRule => ({ taskType, category, assignee: { email }, sort: 100 + i * 10 + j }))),
  ],
  bluewater: [{ taskType: null, assignee: { email: 'owen@bluewater.example' }, sort: 100 }],
};

export interface DemoTask {
  key: string;
  type: TaskType;
  title: string;
  description: string;
  product?: string;
  retailer?: string;
  priority: TaskPriority;
  status: TaskStatus;
  assignee?: string;
  raw?: Record<string, unknown>;
  createdH: number;
  dueH?: number;
  lastActivityH: number;
  resolvedH?: number;
}

export const DEMO_TASKS: Record<string, DemoTask[]> = {
  'copper-kettle': [
    {
      key: 'T1', type: 'channel_rejection', title: "Walmart rejected TH-BIS-PB-24: 'msrp' requires a value",
      description: 'The Walmart item feed came back with a data error for the MSRP. Add the MSRP and resubmit.',
      product: 'TH-BIS-PB-24', retailer: 'walmart_us', priority: 'high', status: 'open', assignee: 'luis@copperkettle.example',
      raw: { type: 'DATA_ERROR', code: 'ERR_EXT_DATA_0801001', field: 'msrp', description: "'msrp' - Attribute requires a value." },
      createdH: -96, dueH: -48, lastActivityH: -72,
    },
    {
      key: 'T2', type: 'import_failure', title: 'Import row failed for FW-HS-OAT-12: bad GTIN check digit',
      description: 'Row 21 of the supplier sheet has GTIN 081234500209; its check digit should be 7.',
      product: 'FW-HS-OAT-12', priority: 'medium', status: 'open', assignee: 'dana@copperkettle.example',
      raw: { line: 21, column: 2, columnName: 'gtin', message: 'GTIN 081234500209 has check digit 9, but 7 is correct' },
      createdH: -96, dueH: 24, lastActivityH: -20,
    },
    {
      key: 'T3', type: 'pdp_drift', title: 'Walmart PDP still says 12 oz for LPC-GRD-FR-10',
      description: 'The French Roast pack changed from 12 oz to 10 oz last month, but the Walmart page still shows 12 oz.',
      product: 'LPC-GRD-FR-10', retailer: 'walmart_us', priority: 'urgent', status: 'open', assignee: 'hannah@copperkettle.example',
      raw: { field: 'title', classification: 'pack_size_mismatch', severity: 'critical', expected: '10 oz', observed: '12 oz' },
      createdH: -30, dueH: -6, lastActivityH: -30,
    },
    {
      key: 'T4', type: 'enrichment_review', title: 'Review 9 coffee enrichment suggestions',
      description: 'The last coffee enrichment job left 9 suggestions below the auto-approve threshold.',
      priority: 'low', status: 'open', assignee: 'marcus@copperkettle.example',
      raw: { pendingReview: 9 }, createdH: -120, dueH: 120, lastActivityH: -24,
    },
    {
      key: 'T6', type: 'image_noncompliant', title: 'FW-FOAM-LAV-10 main image background is off-white',
      description: 'The main image background measures RGB 245,245,245; Amazon and Walmart need pure white.',
      product: 'FW-FOAM-LAV-10', priority: 'medium', status: 'in_progress', assignee: 'sam@copperkettle.example',
      raw: { rule: 'AMZ_MAIN_WHITE_BG', observed: [245, 245, 245] }, createdH: -168, dueH: 48, lastActivityH: -144,
    },
    {
      key: 'T7', type: 'spec_change', title: 'Walmart made country of origin mandatory',
      description: 'Walmart spec 5.0.20250612-15_17_48 requires countryOfOriginSubstantialTransformation; 6 listed products lack it.',
      retailer: 'walmart_us', priority: 'high', status: 'new',
      raw: { retailer: 'walmart_us', version: '5.0.20250612-15_17_48', addedRequired: ['countryOfOriginSubstantialTransformation'], affectedProducts: 6 },
      createdH: -1, lastActivityH: -1,
    },
    {
      key: 'T8', type: 'audit_finding', title: 'LPC-GRD-HB-12 bullets were missing a capital letter',
      description: 'Fixed last week.', product: 'LPC-GRD-HB-12', retailer: 'amazon_us', priority: 'low', status: 'done', assignee: 'marcus@copperkettle.example',
      createdH: -240, dueH: -168, lastActivityH: -170, resolvedH: -170,
    },
  ],
  bluewater: [
    {
      key: 'B1', type: 'audit_finding', title: 'BW-TWL-NVY has only 2 bullets', description: 'Amazon needs at least 3 bullets for towels.',
      product: 'BW-TWL-NVY', retailer: 'amazon_us', priority: 'medium', status: 'open', assignee: 'owen@bluewater.example',
      createdH: -10, dueH: 110, lastActivityH: -10,
    },
  ],
};
