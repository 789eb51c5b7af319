import { Badge, type BadgeTone } from '../ui/badge.tsx';

/** Final confidence as a percentage, coloured by how far it is from auto-approval. */
export function ConfidenceBadge({ value, model }: { value: number; model: number }) {
  const tone: BadgeTone = value >= 0.9 ? 'success' : value >= 0.7 ? 'info' : value >= 0.4 ? 'warning' : 'danger';
  return (
    <Badge tone={tone} title={`Model said ${Math.round(model * 100)}%; after evidence and validation checks ${Math.round(value * 100)}%`} data-testid="suggestion-confidence">
      {Math.round(value * 100)}% confident
    </Badge>
  );
}
