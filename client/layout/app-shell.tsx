/** The chrome around every signed-in page: product name, company switcher, who is signed in, sign out. */
import type { ReactNode } from 'react';
import { ApprovalsCount } from '../inbox/approvals-count.tsx';
import { can } from '../../shared/roles.ts';
import { monitoringPath, productsPath, settingsPath, tasksPath } from '../lib/paths.ts';
import { inboxPath, metricsPath, runsPath } from '../runs/paths.ts';
import { Link, usePathname } from '../router.tsx';
import { suggestionsPath } from '../suggestions/paths.ts';
import { useCompanies, useSignOut, workflowsPath } from '../session.ts';
import { Button } from '../ui/button.tsx';
import { CompanySwitcher } from './company-switcher.tsx';
import { EmberMark } from './ember-mark.tsx';

interface AppShellProps {
  user: { name: string; email: string };
  /** The company in the URL, if the page belongs to one. */
  companySlug: string | null;
  children: ReactNode;
}

export function AppShell({ user, companySlug, children }: AppShellProps) {
  const signOut = useSignOut();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link to="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500">
            <EmberMark />
            <span className="sr-only sm:not-sr-only">Ember Workflows</span>
          </Link>
          <span aria-hidden="true" className="h-5 w-px bg-zinc-200" />
          <div className="shrink-0">
            <CompanySwitcher currentSlug={companySlug} />
          </div>
          {companySlug && <MainNav companySlug={companySlug} />}
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-right leading-tight sm:block" title={user.email}>
              <span data-testid="user-name" className="block font-medium text-zinc-800">
                {user.name}
              </span>
              <span className="block text-xs text-zinc-500">{user.email}</span>
            </span>
            <Button variant="ghost" className="whitespace-nowrap" data-testid="sign-out" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}

/** The company's sections; the current one is marked for assistive technology and by colour. */
function MainNav({ companySlug }: { companySlug: string }) {
  const pathname = usePathname();
  const role = useCompanies().data?.find((c) => c.slug === companySlug)?.role;
  const items = [
    { label: 'Workflows', to: workflowsPath(companySlug), testId: 'nav-workflows' },
    { label: 'Products', to: productsPath(companySlug), testId: 'nav-products' },
    { label: 'Tasks', to: tasksPath(companySlug), testId: 'nav-tasks' },
    { label: 'Suggestions', to: suggestionsPath(companySlug), testId: 'nav-suggestions' },
    { label: 'Runs', to: runsPath(companySlug), testId: 'nav-runs' },
    { label: 'Approvals', to: inboxPath(companySlug), testId: 'nav-approvals', badge: <ApprovalsCount companySlug={companySlug} /> },
    { label: 'Monitoring', to: monitoringPath(companySlug), testId: 'nav-monitoring' },
    { label: 'Metrics', to: metricsPath(companySlug), testId: 'nav-metrics' },
    // Admins only: the page manages the company's credentials (event keys).
    ...(role && can(role, 'manage_event_keys') ? [{ label: 'Settings', to: settingsPath(companySlug), testId: 'nav-settings' }] : []),
  ];
  return (
    // With many sections the nav scrolls sideways rather than squeezing the company switcher.
    <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto">
      {items.map((item) => {
        const current = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <Link
            key={item.to}
            to={item.to}
            data-testid={item.testId}
            aria-current={current ? 'page' : undefined}
            className={`inline-flex items-center rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500 ${current ? 'bg-orange-50 text-orange-800' : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900'}`}
          >
            {item.label}
            {'badge' in item && item.badge}
          </Link>
        );
      })}
    </nav>
  );
}
