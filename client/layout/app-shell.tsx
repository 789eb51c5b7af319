/** The chrome around every signed-in page: product name, company switcher, who is signed in, sign out. */
import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { useSignOut } from '../session.ts';
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
          <CompanySwitcher currentSlug={companySlug} />
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
