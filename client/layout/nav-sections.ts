/**
 * The company's sections, grouped the way people think of their work, in the order the sidebar shows them. One
 * list, so the sidebar, its tests and the keyboard order agree.
 */
import { Activity, ChartColumn, Inbox, ListTodo, Package, Radar, Settings, Sparkles, Workflow, type LucideIcon } from 'lucide-react';
import { can, type Permission, type Role } from '../../shared/roles.ts';
import { monitoringPath, productsPath, settingsPath, tasksPath } from '../lib/paths.ts';
import { inboxPath, metricsPath, runsPath } from '../runs/paths.ts';
import { workflowsPath } from '../session.ts';
import { suggestionsPath } from '../suggestions/paths.ts';

export interface NavSection {
  label: string;
  testId: string;
  icon: LucideIcon;
  path: (slug: string) => string;
  /** Shown only to roles that hold it (Settings manages credentials: admins only). */
  needs?: Permission;
  /** Carries the waiting-approvals badge. */
  approvals?: boolean;
}

export interface NavGroup {
  label: string;
  sections: readonly NavSection[];
}

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    label: 'Automation',
    sections: [
      { label: 'Workflows', testId: 'nav-workflows', icon: Workflow, path: workflowsPath },
      { label: 'Runs', testId: 'nav-runs', icon: Activity, path: runsPath },
      { label: 'Approvals', testId: 'nav-approvals', icon: Inbox, path: inboxPath, approvals: true },
    ],
  },
  {
    label: 'Catalog',
    sections: [
      { label: 'Products', testId: 'nav-products', icon: Package, path: productsPath },
      { label: 'Tasks', testId: 'nav-tasks', icon: ListTodo, path: tasksPath },
      { label: 'Suggestions', testId: 'nav-suggestions', icon: Sparkles, path: suggestionsPath },
    ],
  },
  {
    label: 'Insight',
    sections: [
      { label: 'Monitoring', testId: 'nav-monitoring', icon: Radar, path: monitoringPath },
      { label: 'Metrics', testId: 'nav-metrics', icon: ChartColumn, path: metricsPath },
    ],
  },
  {
    label: 'Company',
    sections: [{ label: 'Settings', testId: 'nav-settings', icon: Settings, path: settingsPath, needs: 'manage_event_keys' }],
  },
];

/** The groups as `role` sees them: sections it may not use left out, empty groups dropped. */
export function navGroupsFor(role: Role | undefined): NavGroup[] {
  return NAV_GROUPS.map((g) => ({ ...g, sections: g.sections.filter((s) => !s.needs || (role !== undefined && can(role, s.needs))) })).filter((g) => g.sections.length > 0);
}

/** A section is current on its own page and every page under it (a product under Products). */
export function isCurrent(sectionPath: string, pathname: string): boolean {
  return pathname === sectionPath || pathname.startsWith(`${sectionPath}/`);
}
