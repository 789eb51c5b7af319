/** The product's attributes, grouped, each with its value and (for editors) an Edit button that opens it in place. */
import { useState } from 'react';
import type { RouterOutputs } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { displayValue, FieldEditor } from './field-editor.tsx';

type Product = RouterOutputs['products']['get'];

const GROUP_LABEL: Record<string, string> = { copy: 'Copy', identity: 'Identity', pack: 'Pack', product: 'Product', compliance: 'Compliance', commercial: 'Commercial', media: 'Media' };

export function ProductFields({ companySlug, product, editable }: { companySlug: string; product: Product; editable: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const missing = new Set(product.completeness.flatMap((c) => c.missing));
  const groups = [...new Set(product.fields.map((f) => f.group))];

  return (
    <div className="flex flex-col gap-6">
      {groups.map((group) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h3 id={`group-${group}`} className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">
            {GROUP_LABEL[group] ?? group}
          </h3>
          <dl className="divide-y divide-zinc-100 rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
            {product.fields
              .filter((f) => f.group === group)
              .map((f) => {
                const text = displayValue(f, f.value);
                return (
                  <div key={f.code} data-testid={`field-${f.code}`} className="grid grid-cols-1 gap-1 px-4 py-3 sm:grid-cols-[12rem_minmax(0,1fr)_auto] sm:gap-4">
                    <dt className="font-medium text-zinc-700">
                      {f.label}
                      {missing.has(f.code) && !text && <span className="ml-2 text-xs font-normal text-red-700">required</span>}
                    </dt>
                    <dd className="min-w-0 text-zinc-900">
                      {editing === f.code ? (
                        <FieldEditor companySlug={companySlug} productId={product.id} version={product.version} field={f} onDone={() => setEditing(null)} />
                      ) : text && f.type === 'text_list' ? (
                        <ul data-testid={`field-value-${f.code}`} className="list-disc space-y-0.5 pl-5 [overflow-wrap:anywhere]">
                          {text.split('\n').map((item, i) => (
                            <li key={i}>{item}</li>
                          ))}
                        </ul>
                      ) : text ? (
                        <span data-testid={`field-value-${f.code}`} className="whitespace-pre-line [overflow-wrap:anywhere]">
                          {text}
                        </span>
                      ) : (
                        <span data-testid={`field-value-${f.code}`} className="text-zinc-400 italic">
                          Empty
                        </span>
                      )}
                    </dd>
                    {/* A <dd>, not a <div>: a <dl> group may hold only terms and details (axe: definition-list). */}
                    {editable && editing !== f.code && (
                      <dd className="sm:text-right">
                        <Button variant="ghost" className="px-2 py-1" data-testid={`field-edit-${f.code}`} aria-label={`Edit ${f.label}`} onClick={() => setEditing(f.code)}>
                          Edit
                        </Button>
                      </dd>
                    )}
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </div>
  );
}
