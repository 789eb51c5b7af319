/**
 * Brings the company's approval policies into the editor store, so a step that breaks one is marked (and Publish
 * says why it waits) as the draft is edited, not only when publish refuses it. Refetched when the window regains
 * focus and after a refused publish: an admin may have changed them in Settings meanwhile.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setPolicies, useEditorStore } from '../canvas/store.ts';
import { useTRPC } from '../trpc.ts';

export function PoliciesSync({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const store = useEditorStore();
  const { data } = useQuery({ ...trpc.companies.approvalPolicies.queryOptions({ companySlug }), refetchOnWindowFocus: true });
  useEffect(() => {
    if (data) setPolicies(store, data);
  }, [data, store]);
  return null;
}
