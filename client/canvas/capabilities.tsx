/**
 * What the server can run, for marking steps that would fail before anyone runs them: a Claude step on a server
 * without an API key shows a badge saying so and how to fix it. Fetched once per editor; nodes read it by context.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { StepDefinition } from '../../shared/steps/define-step.ts';
import { useTRPC } from '../trpc.ts';

interface Missing {
  claude: string | null;
}

const CapabilitiesContext = createContext<Missing>({ claude: null });

export function CapabilitiesProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.system.capabilities.queryOptions(), staleTime: 60_000 });
  const missing: Missing = { claude: data && !data.claude.configured ? data.claude.hint : null };
  return <CapabilitiesContext.Provider value={missing}>{children}</CapabilitiesContext.Provider>;
}

/** Why this kind of step cannot run on this server, or null when it can. */
export function useUnavailable(def: StepDefinition | undefined): string | null {
  const missing = useContext(CapabilitiesContext);
  if (def?.requires?.includes('claude') && missing.claude) return `Claude is not configured. ${missing.claude}`;
  return null;
}
