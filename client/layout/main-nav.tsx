/**
 * The company's sections as a vertical list in groups. Every section fits from 768 px of height up; below that the
 * list scrolls inside the sidebar rather than pushing the account controls away.
 */
import { useCompanies } from '../session.ts';
import { usePathname } from '../router.tsx';
import { NavLink } from './nav-link.tsx';
import { isCurrent, navGroupsFor } from './nav-sections.ts';

export function MainNav({ companySlug, collapsed }: { companySlug: string; collapsed: boolean }) {
  const pathname = usePathname();
  const role = useCompanies().data?.find((c) => c.slug === companySlug)?.role;
  return (
    <nav aria-label="Main" data-testid="main-nav" className="min-h-0 flex-1 overflow-y-auto px-2 py-3">
      {navGroupsFor(role).map((group) => (
        <div key={group.label} className="mb-4 last:mb-0">
          <h2 id={`nav-group-${group.label}`} className={collapsed ? 'sr-only' : 'px-2.5 pb-1 text-[11px] font-semibold tracking-wider text-zinc-500 uppercase'}>
            {group.label}
          </h2>
          <ul aria-labelledby={`nav-group-${group.label}`} className="flex flex-col gap-0.5">
            {group.sections.map((section) => (
              <li key={section.testId}>
                <NavLink section={section} companySlug={companySlug} current={isCurrent(section.path(companySlug), pathname)} collapsed={collapsed} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
