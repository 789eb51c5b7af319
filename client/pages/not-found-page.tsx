import { Link } from '../router.tsx';
import { EmptyState } from '../ui/states.tsx';

export function NotFoundPage() {
  return (
    <EmptyState
      title="Page not found"
      action={
        <Link to="/" className="font-medium text-orange-700 hover:underline">
          Go to your workflows
        </Link>
      }
    >
      There is nothing at this address.
    </EmptyState>
  );
}
