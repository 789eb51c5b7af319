/**
 * The chrome around every signed-in page: a sidebar with the product, the company switcher, every section of the
 * company grouped (nothing scrolls sideways out of sight) and who is signed in; the page beside it. Full-bleed
 * pages (the editor, the run view) place themselves with `--shell-left`, the sidebar's current width, and open with
 * the sidebar folded to its icons: a canvas wants the room, and every section stays one click away.
 */
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Link } from '../router.tsx';
import { FOCUS_RING } from '../ui/button.tsx';
import { AccountFooter } from './account-footer.tsx';
import { CompanySwitcher } from './company-switcher.tsx';
import { EmberMark } from './ember-mark.tsx';
import { MainNav } from './main-nav.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { useSidebarCollapsed } from './use-sidebar-collapsed.ts';

interface AppShellProps {
  user: { name: string; email: string };
  /** The company in the URL, if the page belongs to one. */
  companySlug: string | null;
  /** A full-bleed canvas page: the sidebar starts folded there, whatever the user chose elsewhere. */
  canvas?: boolean;
  children: ReactNode;
}

export function AppShell({ user, companySlug, canvas = false, children }: AppShellProps) {
  const [chosen, toggleChosen] = useSidebarCollapsed();
  // Unfolding on a canvas page lasts while there; the remembered choice is for the other pages.
  const [openOnCanvas, setOpenOnCanvas] = useState(false);
  useEffect(() => setOpenOnCanvas(false), [canvas]);
  const collapsed = canvas ? !openOnCanvas : chosen;
  const toggle = canvas ? () => setOpenOnCanvas((open) => !open) : toggleChosen;
  const width = collapsed ? '3.5rem' : '15rem';
  return (
    <div className="flex min-h-screen" style={{ '--shell-left': width } as CSSProperties}>
      <a href="#main" className={`sr-only z-50 rounded-md bg-white px-3 py-2 font-medium text-zinc-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 ${FOCUS_RING}`}>
        Skip to content
      </a>
      <header data-testid="sidebar" data-collapsed={collapsed} style={{ width }} className="sticky top-0 z-20 flex h-screen shrink-0 flex-col border-r border-zinc-200 bg-white">
        <div className={`flex items-center gap-2 px-3 pt-3 pb-2 ${collapsed ? 'flex-col' : ''}`}>
          <Link to="/" className={`flex min-w-0 flex-1 items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900 ${FOCUS_RING}`}>
            <EmberMark />
            <span className={collapsed ? 'sr-only' : 'truncate'}>Ember Workflows</span>
          </Link>
          {companySlug && <NotificationsBell companySlug={companySlug} />}
          <button
            type="button"
            data-testid="sidebar-toggle"
            onClick={toggle}
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
            title={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
            className={`flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}
          >
            {collapsed ? <PanelLeftOpen aria-hidden="true" className="size-4" /> : <PanelLeftClose aria-hidden="true" className="size-4" />}
          </button>
        </div>
        {!collapsed && (
          <div className="px-3 pb-2">
            <CompanySwitcher currentSlug={companySlug} />
          </div>
        )}
        {companySlug ? <MainNav companySlug={companySlug} collapsed={collapsed} /> : <div className="flex-1" />}
        <AccountFooter user={user} collapsed={collapsed} />
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-8 focus:outline-none sm:px-8">
        <div className="mx-auto w-full max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
