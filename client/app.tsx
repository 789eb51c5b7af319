/** Top-level routing: signed out shows sign-in everywhere; signed in picks the page for the path. */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AppShell } from './layout/app-shell.tsx';
import { InboxPage } from './pages/inbox-page.tsx';
import { MetricsPage } from './pages/metrics-page.tsx';
import { MonitoringPage } from './pages/monitoring-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { ProductPage } from './pages/product-page.tsx';
import { ProductsPage } from './pages/products-page.tsx';
import { RunsPage } from './pages/runs-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { SuggestionsPage } from './pages/suggestions-page.tsx';
import { TaskPage } from './pages/task-page.tsx';
import { TasksPage } from './pages/tasks-page.tsx';
import { WorkflowsPage } from './pages/workflows-page.tsx';
import { navigate, useRoute } from './router.tsx';
import { landingPath } from './lib/landing-path.ts';
import { useCompanies, useMe } from './session.ts';
import { ErrorState, LoadingState } from './ui/states.tsx';
import { apiError } from './lib/api-errors.ts';

// The editor (React Flow, the form widgets) loads on first use, keeping the list pages light.
const WorkflowEditorPage = lazy(() => import('./pages/workflow-editor-page.tsx').then((m) => ({ default: m.WorkflowEditorPage })));
// The run view draws with React Flow too: loaded on first use.
const RunPage = lazy(() => import('./pages/run-page.tsx').then((m) => ({ default: m.RunPage })));

const ROUTES = [
  '/',
  '/signin',
  '/supplier/:slug/workflows',
  '/supplier/:slug/workflows/:id',
  '/supplier/:slug/products',
  '/supplier/:slug/products/:id',
  '/supplier/:slug/tasks',
  '/supplier/:slug/tasks/:id',
  '/supplier/:slug/suggestions',
  '/supplier/:slug/runs',
  '/supplier/:slug/inbox',
  '/supplier/:slug/metrics',
  '/supplier/:slug/monitoring',
  '/supplier/:slug/settings',
  '/supplier/:slug/workflows/:id/runs',
  '/supplier/:slug/workflows/:id/runs/:runId',
] as const;

export function App() {
  const me = useMe();
  const { pathname, match } = useRoute(ROUTES);

  if (me.isPending) return <Splash />;
  if (me.isError) {
    return (
      <CenteredPage>
        <ErrorState message={apiError(me.error).message} onRetry={() => void me.refetch()} />
      </CenteredPage>
    );
  }
  if (!me.data.user) return <SignedOut pathname={pathname} />;

  const slug = match?.params.slug ?? null;
  return (
    <AppShell user={me.data.user} companySlug={slug} canvas={match?.pattern === '/supplier/:slug/workflows/:id' || match?.pattern === '/supplier/:slug/workflows/:id/runs/:runId'}>
      {match?.pattern === '/supplier/:slug/workflows' && <WorkflowsPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/workflows/:id' && (
        <Suspense fallback={<LoadingState label="Opening the editor…" />}>
          <WorkflowEditorPage slug={match.params.slug!} id={match.params.id!} />
        </Suspense>
      )}
      {match?.pattern === '/supplier/:slug/products' && <ProductsPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/products/:id' && <ProductPage slug={match.params.slug!} id={match.params.id!} />}
      {match?.pattern === '/supplier/:slug/tasks' && <TasksPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/tasks/:id' && <TaskPage slug={match.params.slug!} id={match.params.id!} />}
      {match?.pattern === '/supplier/:slug/runs' && <RunsPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/suggestions' && <SuggestionsPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/workflows/:id/runs' && <RunsPage slug={match.params.slug!} workflowId={match.params.id!} />}
      {match?.pattern === '/supplier/:slug/inbox' && <InboxPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/metrics' && <MetricsPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/monitoring' && <MonitoringPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/settings' && <SettingsPage slug={match.params.slug!} />}
      {match?.pattern === '/supplier/:slug/workflows/:id/runs/:runId' && (
        <Suspense fallback={<LoadingState label="Opening the run…" />}>
          <RunPage slug={match.params.slug!} workflowId={match.params.id!} runId={match.params.runId!} />
        </Suspense>
      )}
      {(match?.pattern === '/' || match?.pattern === '/signin') && <HomeRedirect />}
      {!match && <NotFoundPage />}
    </AppShell>
  );
}

function SignedOut({ pathname }: { pathname: string }) {
  // `/` has nothing to show a signed-out visitor, so it becomes /signin; deep links keep their URL and come back after sign-in.
  useEffect(() => {
    if (pathname === '/') navigate('/signin', { replace: true });
  }, [pathname]);
  const deepLink = pathname === '/' || pathname === '/signin' ? null : window.location.pathname + window.location.search;
  return <SignInPage next={deepLink} />;
}

/** `/` (and /signin once signed in) lead to where the user's role works in their first company (approvers: Approvals). */
function HomeRedirect() {
  const companies = useCompanies();
  const first = companies.data?.[0];
  useEffect(() => {
    if (first) navigate(landingPath(first.slug, first.role), { replace: true });
  }, [first]);
  if (companies.isError) return <ErrorState message={apiError(companies.error).message} onRetry={() => void companies.refetch()} />;
  if (companies.data && !first) return <ErrorState title="No companies yet" message="Your account is not a member of any company. Ask an admin to invite you." />;
  return <LoadingState />;
}

function Splash() {
  return (
    <CenteredPage>
      <LoadingState label="Loading Ember Workflows…" />
    </CenteredPage>
  );
}

function CenteredPage({ children }: { children: ReactNode }) {
  return <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">{children}</main>;
}
