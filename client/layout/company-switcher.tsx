/** Lists the companies the user belongs to; choosing one opens where the user's role works there. Shows that role. */
import { landingPath } from '../lib/landing-path.ts';
import { navigate } from '../router.tsx';
import { useCompanies } from '../session.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { RoleBadge } from './role-badge.tsx';

export function CompanySwitcher({ currentSlug }: { currentSlug: string | null }) {
  const companies = useCompanies();
  if (!companies.data) return <span className="block h-8 w-full animate-pulse rounded-md bg-zinc-100" aria-hidden="true" />;
  const current = companies.data.find((c) => c.slug === currentSlug) ?? null;

  return (
    // A column: the sidebar is narrow, and a company name deserves the whole width.
    <div className="flex min-w-0 flex-col items-start gap-1.5">
      <label htmlFor="company-switcher" className="sr-only">
        Company
      </label>
      <select
        id="company-switcher"
        data-testid="company-switcher"
        value={current?.slug ?? ''}
        onChange={(e) => navigate(landingPath(e.target.value, companies.data.find((c) => c.slug === e.target.value)?.role))}
        className={`w-full min-w-0 truncate rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 font-medium text-zinc-800 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 ${FOCUS_RING}`}
      >
        {!current && (
          <option value="" disabled>
            Choose a company
          </option>
        )}
        {companies.data.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </select>
      {current && <RoleBadge role={current.role} />}
    </div>
  );
}
