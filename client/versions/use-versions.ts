/** The open workflow's published versions (newest first), shared by the header, the list and the version views. */
import { useQuery } from '@tanstack/react-query';
import { useEditor } from '../canvas/store.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';

export type VersionSummary = RouterOutputs['versions']['list'][number];
export type VersionDetail = RouterOutputs['versions']['get'];

export function useVersions() {
  const trpc = useTRPC();
  const workflowId = useEditor((s) => s.meta.id);
  const companySlug = useEditor((s) => s.meta.companySlug);
  return useQuery({ ...trpc.versions.list.queryOptions({ companySlug, workflowId }), staleTime: 30_000 });
}

/** One version in full (graph and trigger); versions never change, so it is fetched once. */
export function useVersion(versionId: string | null) {
  const trpc = useTRPC();
  const workflowId = useEditor((s) => s.meta.id);
  const companySlug = useEditor((s) => s.meta.companySlug);
  return useQuery({ ...trpc.versions.get.queryOptions({ companySlug, workflowId, id: versionId ?? '' }), enabled: versionId !== null, staleTime: Infinity });
}
