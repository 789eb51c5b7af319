import { hashKey, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppRouter } from '../server/trpc/app-router.ts';
import { App } from './app.tsx';
import { apiError } from './lib/api-errors.ts';
import { createApiClient, TRPCProvider } from './trpc.ts';
import './index.css';

/** Codes that a retry cannot fix. */
const FINAL_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'PRECONDITION_FAILED', 'CONFLICT']);

const trpcClient = createApiClient();
const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, err) => !FINAL_CODES.has(apiError(err).code ?? '') && failures < 2,
    },
  },
  queryCache: new QueryCache({
    onError(err, query) {
      // The session ended (expired, or signed out in another tab): ask again who we are, which shows sign-in.
      const meKey = trpc.auth.me.queryKey();
      if (apiError(err).code === 'UNAUTHORIZED' && query.queryHash !== hashKey(meKey)) {
        void queryClient.invalidateQueries({ queryKey: meKey });
      }
    },
  }),
});
const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
