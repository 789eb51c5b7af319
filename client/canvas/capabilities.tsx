/**
 * What the server can run, for marking steps that would fail before anyone runs them: a Claude step on a server
 * without an API key shows a badge saying so and how to fix it. Fetched once per editor; nodes read it by context.
 * The server's outbound allowlist goes to the shared URL rules, so the HTTP step's form agrees with publishing.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { parseAllowlist, setConfiguredAllowlist } from '../../shared/net/allowlist.ts';
import type { StepDefinition } from '../../shared/steps/define-step.ts';
import { useTRPC } from '../trpc.ts';
import { revalidate, useEditorStore } from './store.ts';

interface Missing {
  claude: string | null;
}

const CapabilitiesContext = createContext<Missing>({ claude: null });

export function CapabilitiesProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.system.capabilities.queryOptions(), staleTime: 60_000 });
  const missing: Missing = { claude: data && !data.claude.configured ? data.claude.hint : null };
  const store = useEditorStore();
  const allowlist = data?.http.allowlist.join(',');
  useEffect(() => {
    if (allowlist === undefined) return;
    try {
      setConfiguredAllowlist(parseAllowlist(allowlist));
    } catch {
      return; // the server checked it at boot; a list we cannot read widens nothing
    }
    revalidate(store);
  }, [allowlist, store]);
  return <CapabilitiesContext.Provider value={missing}>{children}</CapabilitiesContext.Provider>;
}

/** Why this kind of step cannot run on this server, or null when it can. */
export function useUnavailable(def: StepDefinition | undefined): string | null {
  const missing = useContext(CapabilitiesContext);
  if (def?.requires?.includes('claude') && missing.claude) return `Claude is not configured. ${missing.claude}`;
  return null;
}
