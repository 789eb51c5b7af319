/** One section in the sidebar: icon, label, and for Approvals the waiting count, which stays visible when folded. */
import type { NavSection } from './nav-sections.ts';
import { ApprovalsCount } from '../inbox/approvals-count.tsx';
import { Link } from '../router.tsx';
import { FOCUS_RING } from '../ui/button.tsx';

interface NavLinkProps {
  section: NavSection;
  companySlug: string;
  current: boolean;
  collapsed: boolean;
}

export function NavLink({ section, companySlug, current, collapsed }: NavLinkProps) {
  const Icon = section.icon;
  return (
    <Link
      to={section.path(companySlug)}
      data-testid={section.testId}
      aria-current={current ? 'page' : undefined}
      // Folded, the label is only read out; the tooltip says it to the mouse.
      title={collapsed ? section.label : undefined}
      className={`relative flex items-center gap-2.5 rounded-md py-1.5 text-sm font-medium ${collapsed ? 'justify-center px-1.5' : 'px-2.5'} ${FOCUS_RING} ${current ? 'bg-orange-50 text-orange-800' : 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900'}`}
    >
      <Icon aria-hidden="true" className={`size-4 shrink-0 ${current ? 'text-orange-700' : 'text-zinc-500'}`} strokeWidth={2} />
      <span className={collapsed ? 'sr-only' : 'min-w-0 flex-1 truncate'}>{section.label}</span>
      {section.approvals && <ApprovalsCount companySlug={companySlug} compact={collapsed} />}
    </Link>
  );
}
