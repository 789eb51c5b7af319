import { Badge, type BadgeTone } from '../ui/badge.tsx';

function tone(ratio: number): BadgeTone {
  return ratio >= 100 ? 'success' : ratio >= 80 ? 'warning' : 'danger';
}

/** "Walmart 91%": Akeneo completeness of a product at one retailer; the missing attributes are in the tooltip. */
export function CompletenessBadge({ retailer, ratio, missing }: { retailer: string; ratio: number; missing?: string[] }) {
  const title = missing?.length ? `Missing at ${retailer}: ${missing.join(', ')}` : `${retailer}: every required attribute is filled`;
  return (
    <Badge tone={tone(ratio)} title={title} data-testid="completeness-badge">
      <span className="font-normal">{retailer}</span>
      <span className="tabular-nums">{ratio}%</span>
    </Badge>
  );
}
