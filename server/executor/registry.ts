/** The synced function configurations of the app this executor drives, indexed for event matching. */
import { FunctionConfigSchema, type FunctionConfig } from './protocol.ts';

export class FunctionRegistry {
  private bySlug = new Map<string, FunctionConfig>();
  private byEvent = new Map<string, FunctionConfig[]>();
  private wildcard: FunctionConfig[] = [];
  private cancelling = new Map<string, FunctionConfig[]>();

  replace(configs: unknown[]): void {
    this.bySlug.clear();
    this.byEvent.clear();
    this.cancelling.clear();
    this.wildcard = [];
    for (const raw of configs) {
      const cfg = FunctionConfigSchema.parse(raw);
      this.bySlug.set(cfg.id, cfg);
      for (const t of cfg.triggers) {
        if (!('event' in t)) continue;
        if (t.event.endsWith('*')) this.wildcard.push(cfg);
        else this.byEvent.set(t.event, [...(this.byEvent.get(t.event) ?? []), cfg]);
      }
      for (const c of cfg.cancel ?? []) this.cancelling.set(c.event, [...(this.cancelling.get(c.event) ?? []), cfg]);
    }
  }

  get(slug: string): FunctionConfig | undefined {
    return this.bySlug.get(slug);
  }

  all(): FunctionConfig[] {
    return [...this.bySlug.values()];
  }

  /** Functions with an event trigger for `name`, each with the trigger's expression. */
  triggeredBy(name: string): { config: FunctionConfig; expression?: string }[] {
    const out: { config: FunctionConfig; expression?: string }[] = [];
    for (const cfg of [...(this.byEvent.get(name) ?? []), ...this.wildcard]) {
      for (const t of cfg.triggers) {
        if (!('event' in t)) continue;
        const hit = t.event === name || (t.event.endsWith('*') && name.startsWith(t.event.slice(0, -1)));
        if (hit) out.push({ config: cfg, ...(t.expression ? { expression: t.expression } : {}) });
      }
    }
    return out;
  }

  cancelledBy(name: string): FunctionConfig[] {
    return this.cancelling.get(name) ?? [];
  }

  crons(): { slug: string; cron: string }[] {
    return this.all().flatMap((cfg) => cfg.triggers.flatMap((t) => ('cron' in t ? [{ slug: cfg.id, cron: t.cron }] : [])));
  }
}
