import type { Role } from '../../../shared/roles.ts';
import type { MemberTitle } from '../../../shared/tasks/vocab.ts';

/** Everyone in the demo signs in with this password; it is printed on first start and in the README. */
export const DEMO_PASSWORD = 'ember-demo';

export interface DemoCompany {
  slug: string;
  name: string;
  timezone: string;
  settings: Record<string, unknown>;
  /** `title` routes work and `manager` (an e-mail) is where a member's stalled tasks escalate first. */
  members: { email: string; name: string; role: Role; title?: MemberTitle; manager?: string }[];
}

/** DOMAIN.md §4.1: Copper Kettle Brands and the small Bluewater tenant that exists to prove isolation. */
export const DEMO_COMPANIES: DemoCompany[] = [
  {
    slug: 'copper-kettle',
    name: 'Copper Kettle Brands, Inc.',
    timezone: 'America/Chicago',
    settings: {
      autoApproveThreshold: 0.9,
      alwaysReviewAttributes: ['ingredients', 'allergen_statement', 'caffeine_content', 'net_content'],
    },
    members: [
      { email: 'priya@copperkettle.example', name: 'Priya Raman', role: 'admin', title: 'content_manager' },
      { email: 'rachel@copperkettle.example', name: 'Rachel Kim', role: 'editor', title: 'ops_lead', manager: 'priya@copperkettle.example' },
      { email: 'marcus@copperkettle.example', name: 'Marcus Bell', role: 'editor', title: 'catalog_specialist', manager: 'rachel@copperkettle.example' },
      { email: 'dana@copperkettle.example', name: 'Dana Okafor', role: 'approver', title: 'catalog_specialist', manager: 'rachel@copperkettle.example' },
      { email: 'hannah@copperkettle.example', name: 'Hannah Cho', role: 'viewer', title: 'shelf_analyst', manager: 'rachel@copperkettle.example' },
      { email: 'luis@copperkettle.example', name: 'Luis Ortega', role: 'editor', title: 'catalog_specialist', manager: 'rachel@copperkettle.example' },
      { email: 'sam@copperkettle.example', name: 'Sam Whitaker', role: 'editor', title: 'asset_coordinator', manager: 'rachel@copperkettle.example' },
    ],
  },
  {
    slug: 'bluewater',
    name: 'Bluewater Home Co.',
    timezone: 'America/New_York',
    settings: { autoApproveThreshold: 0.95, alwaysReviewAttributes: [] },
    members: [
      { email: 'owen@bluewater.example', name: 'Owen Park', role: 'admin', title: 'content_manager' },
      { email: 'rachel@copperkettle.example', name: 'Rachel Kim', role: 'approver' },
      { email: 'lena@bluewater.example', name: 'Lena Alvarez', role: 'viewer' },
    ],
  },
];
