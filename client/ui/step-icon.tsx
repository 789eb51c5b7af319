/**
 * Each step kind's icon, as SVG from lucide: the glyphs in the shared definitions were emoji, which draw as empty
 * boxes on a machine without a colour-emoji font. Decorative everywhere: the kind's title is always beside it.
 */
import { ArrowLeftRight, CircleHelp, ClipboardPlus, GitBranch, Globe, Hand, Images, Megaphone, PencilLine, Ruler, ScanSearch, ShoppingCart, Sparkles, Timer, WandSparkles, Zap, type LucideIcon } from 'lucide-react';
import { isStepKind, type StepKind } from '../../shared/steps/registry.ts';

export const STEP_ICONS = {
  trigger: Zap,
  condition: GitBranch,
  human_gate: Hand,
  delay: Timer,
  transform: ArrowLeftRight,
  http_request: Globe,
  create_task: ClipboardPlus,
  emit_event: Megaphone,
  update_product_field: PencilLine,
  run_audit: ScanSearch,
  claude_skill: Sparkles,
  validate_images: Images,
  enrich_products: WandSparkles,
  check_listings: ShoppingCart,
  check_retailer_specs: Ruler,
} as const satisfies Record<StepKind, LucideIcon>;

export function StepIcon({ kind, className = 'size-4' }: { kind: string; className?: string }) {
  const Icon = isStepKind(kind) ? STEP_ICONS[kind] : CircleHelp;
  return <Icon aria-hidden="true" className={className} strokeWidth={2} data-icon={kind} />;
}
