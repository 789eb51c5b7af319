import { NotFoundState } from '../ui/states.tsx';

export function NotFoundPage() {
  return <NotFoundState title="Page not found" message="There is nothing at this address." back={{ to: '/', label: 'Go to your workflows' }} />;
}
