import type { Role } from '../../shared/roles.ts';

/** Everyone in the demo signs in with this password; it is printed on first start and in the README. */
export const DEMO_PASSWORD = 'ember-demo';

export interface DemoCompany {
  slug: string;
  name: string;
  timezone: string;
  settings: Record<string, unknown>;
  members: { email: string; name: string; role: Role }[];
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
      { email: 'priya@copperkettle.example', name: 'Priya Raman', role: 'admin' },
      { email: 'rachel@copperkettle.example', name: 'Rachel Kim', role: 'editor' },
      { email: 'marcus@copperkettle.example', name: 'Marcus Bell', role: 'editor' },
      { email: 'dana@copperkettle.example', name: 'Dana Okafor', role: 'approver' },
      { email: 'hannah@copperkettle.example', name: 'Hannah Cho', role: 'viewer' },
    ],
  },
  {
    slug: 'bluewater',
    name: 'Bluewater Home Co.',
    timezone: 'America/New_York',
    settings: { autoApproveThreshold: 0.95, alwaysReviewAttributes: [] },
    members: [
      { email: 'owen@bluewater.example', name: 'Owen Park', role: 'admin' },
      { email: 'rachel@copperkettle.example', name: 'Rachel Kim', role: 'approver' },
      { email: 'lena@bluewater.example', name: 'Lena Alvarez', role: 'viewer' },
    ],
  },
];
