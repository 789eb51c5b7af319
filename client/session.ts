/** Who is signed in, and the two transitions between signed in and out. Server state only; no client store. */
import { hashKey, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { landingPath } from './lib/landing-path.ts';
import { navigate } from './router.tsx';
import { useTRPC } from './trpc.ts';

export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: Infinity });
}

export function useCompanies(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.companies.mine.queryOptions(), enabled });
}

export function workflowsPath(slug: string): string {
  return `/supplier/${encodeURIComponent(slug)}/workflows`;
}

/** Signs in, then lands on `next` (a deep link the user asked for) or where the user's role works in their first company. */
export function useSignIn(next: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.signIn.mutationOptions({
      async onSuccess({ user }) {
        forgetAccountData(queryClient, trpc.auth.me.queryKey());
        const companies = await queryClient.fetchQuery(trpc.companies.mine.queryOptions());
        const first = companies[0];
        navigate(next ?? (first ? landingPath(first.slug, first.role) : '/'), { replace: true });
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user });
      },
    }),
  );
}

export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled() {
        // Even if the request failed the user asked to leave: forget their data and show the sign-in page.
        forgetAccountData(queryClient, trpc.auth.me.queryKey());
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user: null });
        navigate('/signin');
      },
    }),
  );
}

/** Drops everything cached for the previous account, except the "who am I" entry the app shell is watching. */
function forgetAccountData(queryClient: QueryClient, meKey: QueryKey) {
  const keep = hashKey(meKey);
  queryClient.removeQueries({ predicate: (q) => q.queryHash !== keep });
}
