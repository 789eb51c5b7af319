/**
 * Structural diff of two retailer JSON Schemas (DOMAIN.md F8.3): which attributes became (or stopped being)
 * required — top level and draft-07 conditionals (`allOf[].if/then/else`, Walmart's style) — which properties
 * appeared or vanished, and which constraints changed (`maxLength`, `enum`, `type`). Pure: schemas in, diff out.
 */
export interface ConstraintChange {
  prop: string;
  kind: 'maxLength' | 'enum' | 'type';
  before: unknown;
  after: unknown;
}

export interface SpecDiff {
  addedRequired: string[];
  removedRequired: string[];
  addedProps: string[];
  removedProps: string[];
  constraintChanges: ConstraintChange[];
}

type Schema = Record<string, unknown>;

const obj = (v: unknown): Schema | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : null);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Every schema node whose `required`/`properties` apply to the item: the root, allOf/anyOf/oneOf members, if-branches. */
function branches(root: Schema): Schema[] {
  const out: Schema[] = [];
  const visit = (s: Schema | null, depth: number) => {
    if (!s || depth > 6) return;
    out.push(s);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const m of Array.isArray(s[key]) ? (s[key] as unknown[]) : []) visit(obj(m), depth + 1);
    visit(obj(s.then), depth + 1);
    visit(obj(s.else), depth + 1);
  };
  visit(root, 0);
  return out;
}

/** Required attribute names (unconditional and conditional alike: either one makes a listing fail without it). */
export function requiredOf(schema: Schema): Set<string> {
  return new Set(branches(schema).flatMap((b) => names(b.required)));
}

export function propertiesOf(schema: Schema): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const b of branches(schema)) {
    const props = obj(b.properties);
    if (!props) continue;
    for (const [k, v] of Object.entries(props)) if (!out.has(k)) out.set(k, obj(v) ?? {});
  }
  return out;
}

/** A property's constraint, looking through `items` (arrays keep maxLength/enum on their items, Amazon's on items.value). */
function constraint(p: Schema, kind: ConstraintChange['kind']): unknown {
  if (p[kind] !== undefined || kind === 'type') return p[kind];
  const items = obj(p.items);
  if (!items) return undefined;
  if (items[kind] !== undefined) return items[kind];
  // Amazon wraps every attribute as an array of {value, …} objects.
  return obj(obj(items.properties)?.value)?.[kind];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (s: Iterable<string>) => [...s].sort();

export function diffSpecs(before: Schema, after: Schema): SpecDiff {
  const reqA = requiredOf(before);
  const reqB = requiredOf(after);
  const propsA = propertiesOf(before);
  const propsB = propertiesOf(after);
  const constraintChanges: ConstraintChange[] = [];
  for (const [prop, b] of [...propsB].sort(([x], [y]) => x.localeCompare(y))) {
    const a = propsA.get(prop);
    if (!a) continue;
    for (const kind of ['maxLength', 'enum', 'type'] as const) {
      const va = constraint(a, kind);
      const vb = constraint(b, kind);
      if (!same(va, vb)) constraintChanges.push({ prop, kind, before: va ?? null, after: vb ?? null });
    }
  }
  return {
    addedRequired: sorted([...reqB].filter((n) => !reqA.has(n))),
    removedRequired: sorted([...reqA].filter((n) => !reqB.has(n))),
    addedProps: sorted([...propsB.keys()].filter((n) => !propsA.has(n))),
    removedProps: sorted([...propsA.keys()].filter((n) => !propsB.has(n))),
    constraintChanges,
  };
}

export function isEmptyDiff(d: SpecDiff): boolean {
  return !d.addedRequired.length && !d.removedRequired.length && !d.addedProps.length && !d.removedProps.length && !d.constraintChanges.length;
}

/** One diff for a spec versioned as a whole (Walmart): the union over its product types. */
export function mergeDiffs(diffs: SpecDiff[]): SpecDiff {
  const u = (pick: (d: SpecDiff) => string[]) => sorted(new Set(diffs.flatMap(pick)));
  const seen = new Set<string>();
  const constraintChanges = diffs.flatMap((d) => d.constraintChanges).filter((c) => {
    const k = `${c.prop}:${c.kind}:${JSON.stringify(c.after)}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return { addedRequired: u((d) => d.addedRequired), removedRequired: u((d) => d.removedRequired), addedProps: u((d) => d.addedProps), removedProps: u((d) => d.removedProps), constraintChanges };
}
