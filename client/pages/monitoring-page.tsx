/**
 * `/supplier/:slug/monitoring`: retailer monitoring — spec changes found by the change sentinel and each listing's
 * product-page compliance found by the watchdog — with "Check now" for people who may run workflows.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../shared/roles.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { apiError } from '../lib/api-errors.ts';
import { ComplianceTable } from '../monitoring/compliance-table.tsx';
import { SpecChangesTable } from '../monitoring/spec-changes-table.tsx';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { SelectField } from '../ui/select-field.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';

export function MonitoringPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <CompanyMonitoring key={company.slug} company={company} />}</CompanyGate>;
}

/** How long after "Check now" the page polls fast for the results to land. */
const FOLLOW_MS = 90_000;

function CompanyMonitoring({ company }: { company: MyCompany }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [show, setShow] = useState<'drift' | 'all'>('drift');
  const [requestedAt, setRequestedAt] = useState<string | null>(null);
  const following = requestedAt !== null && Date.now() - new Date(requestedAt).getTime() < FOLLOW_MS;
  const interval = following ? 1_500 : 30_000;
  const specs = useQuery({ ...trpc.monitoring.specChanges.queryOptions({ companySlug: company.slug }), refetchInterval: interval });
  const listings = useQuery({ ...trpc.monitoring.compliance.queryOptions({ companySlug: company.slug, onlyDrift: show === 'drift' }), placeholderData: keepPreviousData, refetchInterval: interval });
  const checkNow = useMutation(
    trpc.monitoring.checkNow.mutationOptions({
      onSuccess: (res) => {
        setRequestedAt(res.requestedAt);
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
      },
    }),
  );
  const latestSpecCheck = (specs.data?.checks.flatMap((c) => Object.values(c.checks).map((x) => x.at)) ?? []).sort().at(-1);
  const latestPageCheck = (listings.data?.map((l) => l.checkedAt).filter((x): x is string => !!x) ?? []).sort().at(-1);
  const latestCheck = [latestSpecCheck, latestPageCheck].filter((x): x is string => !!x).sort().at(-1);
  // Done once both the spec check and the page sweep have reported back since the request.
  const done = requestedAt !== null && !!latestSpecCheck && latestSpecCheck >= requestedAt && !!latestPageCheck && latestPageCheck >= requestedAt;

  return (
    <section aria-labelledby="monitoring-heading">
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="monitoring-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
            Monitoring
          </h1>
          <p className="mt-1 text-zinc-500">
            Retailer spec changes and product pages that drifted from what <span className="font-medium text-zinc-700">{company.name}</span> syndicated
          </p>
        </div>
        {can(company.role, 'run_workflows') && (
          <div className="flex flex-col items-end gap-1">
            <Button variant="primary" data-testid="check-now" disabled={checkNow.isPending} onClick={() => checkNow.mutate({ companySlug: company.slug, what: 'all' })}>
              {checkNow.isPending ? 'Requesting…' : 'Check now'}
            </Button>
            <p role="status" aria-live="polite" className="text-xs text-zinc-500" data-testid="check-status">
              {checkNow.isError && <span className="text-red-700">{apiError(checkNow.error).message}</span>}
              {requestedAt && !done && following && 'Checking retailer specs and product pages…'}
              {requestedAt && done && (
                <>
                  Checked <RelativeTime value={latestCheck!} />
                </>
              )}
            </p>
          </div>
        )}
      </div>

      <h2 className="mb-2 text-lg font-semibold text-zinc-900">Spec changes</h2>
      <div className="mb-8" data-testid="spec-changes">
        {specs.isPending && <LoadingState label="Loading spec changes…" />}
        {specs.isError && <ErrorState title="Could not load spec changes" message={apiError(specs.error).message} onRetry={() => void specs.refetch()} />}
        {specs.data && (
          <>
            <ul className="mb-3 flex flex-wrap gap-x-6 gap-y-1 text-xs text-zinc-500">
              {specs.data.checks.map((c) => {
                const last = Object.values(c.checks).sort((a, b) => b.at.localeCompare(a.at))[0];
                return (
                  <li key={c.retailer} data-testid="spec-check">
                    {c.retailerName}:{' '}
                    {last ? (
                      <>
                        {last.ok ? `version ${last.version}` : <span className="text-red-700">{last.error}</span>}, checked <RelativeTime value={last.at} />
                      </>
                    ) : (
                      'not checked yet'
                    )}
                  </li>
                );
              })}
            </ul>
            {specs.data.changes.length === 0 ? <EmptyState title="No spec changes yet">The sentinel checks every day at 06:00 UTC.</EmptyState> : <SpecChangesTable changes={specs.data.changes} />}
          </>
        )}
      </div>

      <div className="mb-2 flex flex-wrap items-end justify-between gap-4">
        <h2 className="text-lg font-semibold text-zinc-900">Listing compliance</h2>
        <SelectField
          label="Show"
          className="w-56"
          data-testid="compliance-filter"
          value={show}
          onChange={(e) => setShow(e.target.value as 'drift' | 'all')}
          options={[
            { value: 'drift', label: 'Listings with findings' },
            { value: 'all', label: 'All watched listings' },
          ]}
        />
      </div>
      <div data-testid="compliance">
        {listings.isPending && <LoadingState label="Loading listings…" />}
        {listings.isError && <ErrorState title="Could not load listing compliance" message={apiError(listings.error).message} onRetry={() => void listings.refetch()} />}
        {listings.data?.length === 0 && <EmptyState title="Nothing to show">{show === 'drift' ? 'No listing has open findings.' : 'No watched listings.'}</EmptyState>}
        {listings.data && listings.data.length > 0 && <ComplianceTable rows={listings.data} />}
      </div>
    </section>
  );
}
