/** Renders its page only for a company the user belongs to; otherwise says clearly why not. */
import type { ReactNode } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { useCompanies, workflowsPath } from '../session.ts';
import type { RouterOutputs } from '../trpc.ts';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';

export type MyCompany = RouterOutputs['companies']['mine'][number];

export function CompanyGate({ slug, children }: { slug: string; children: (company: MyCompany) => ReactNode }) {
  const companies = useCompanies();
  if (companies.isPending) return <LoadingState />;
  if (companies.isError) return <ErrorState message={apiError(companies.error).message} onRetry={() => void companies.refetch()} />;
  const company = companies.data.find((c) => c.slug === slug);
  if (!company) return <NotMember slug={slug} first={companies.data[0]} />;
  return children(company);
}

function NotMember({ slug, first }: { slug: string; first: MyCompany | undefined }) {
  return (
    <EmptyState
      title="You are not a member of this company"
      action={
        first && (
          <Link to={workflowsPath(first.slug)} className="font-medium text-orange-700 hover:underline">
            Go to {first.name}
          </Link>
        )
      }
    >
      <p>
        There is no company “{slug}” in your account. If you expected access, ask one of its admins to invite you.
      </p>
    </EmptyState>
  );
}
