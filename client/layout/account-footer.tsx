/** The foot of the sidebar: who is signed in, and signing out. */
import { LogOut } from 'lucide-react';
import { useSignOut } from '../session.ts';
import { FOCUS_RING } from '../ui/button.tsx';

export function AccountFooter({ user, collapsed }: { user: { name: string; email: string }; collapsed: boolean }) {
  const signOut = useSignOut();
  return (
    <div className={`flex items-center gap-2 border-t border-zinc-200 p-2 ${collapsed ? 'flex-col' : ''}`}>
      <span className={collapsed ? 'sr-only' : 'min-w-0 flex-1 px-1 leading-tight'} title={user.email}>
        <span data-testid="user-name" className="block truncate font-medium text-zinc-800">
          {user.name}
        </span>
        <span className="block truncate text-xs text-zinc-500">{user.email}</span>
      </span>
      <button
        type="button"
        data-testid="sign-out"
        aria-label="Sign out"
        title="Sign out"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
        className={`flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 disabled:text-zinc-400 ${FOCUS_RING}`}
      >
        <LogOut aria-hidden="true" className="size-4" />
      </button>
    </div>
  );
}
