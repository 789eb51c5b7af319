/**
 * One product field, shown and edited as text in the attribute's own notation ("12 oz", one bullet per line), parsed
 * by the same shared code the CSV import uses, so the form accepts exactly what the server will.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatAttributeValue, METRIC_UNITS, parseValueText, type AttributeDef } from '../../shared/catalog/values.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Button } from '../ui/button.tsx';

type Field = RouterOutputs['products']['get']['fields'][number];
const LINE = '\n';

export function displayValue(field: Pick<Field, 'code' | 'type'>, value: unknown): string {
  return formatAttributeValue(field, value, LINE);
}

export function FieldEditor({ companySlug, productId, version, field, onDone }: { companySlug: string; productId: string; version: number; field: Field; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState(() => displayValue(field, field.value));
  const def: AttributeDef = { code: field.code, label: field.label, type: field.type, validation: field.validation };
  const parsed = parseValueText(def, text, LINE);
  const save = useMutation(
    trpc.products.updateField.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() });
        onDone();
      },
    }),
  );
  const error = !parsed.ok ? parsed.message : save.isError ? apiError(save.error).message : null;
  const control = `block w-full rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none ${error ? 'ring-red-400' : 'ring-zinc-300'}`;
  const common = { id, 'data-testid': `field-input-${field.code}`, 'aria-invalid': error ? true : undefined, 'aria-describedby': `${id}-help` } as const;

  let input;
  if (field.type === 'simple_select' || field.type === 'boolean') {
    const options = field.type === 'boolean' ? ['yes', 'no'] : (field.validation.options ?? []);
    input = (
      <select {...common} className={control} value={text} onChange={(e) => setText(e.target.value)}>
        <option value="">— none —</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'textarea' || field.type === 'text_list' || field.type === 'multi_select') {
    input = <textarea {...common} className={`${control} resize-y`} rows={field.type === 'textarea' ? 5 : 4} value={text} onChange={(e) => setText(e.target.value)} />;
  } else {
    input = <input {...common} className={control} type={field.type === 'date' ? 'date' : 'text'} value={text} onChange={(e) => setText(e.target.value)} />;
  }

  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.ok) save.mutate({ companySlug, id: productId, attribute: field.code, value: parsed.value, expectedVersion: version });
      }}
    >
      <label htmlFor={id} className="sr-only">
        {field.label}
      </label>
      {input}
      <p id={`${id}-help`} className={`text-xs ${error ? 'font-medium text-red-700' : 'text-zinc-500'}`} role={error ? 'alert' : undefined}>
        {error ?? hint(field)}
      </p>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" data-testid={`field-save-${field.code}`} disabled={!parsed.ok || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button variant="ghost" onClick={onDone} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function hint(field: Field): string {
  const v = field.validation;
  switch (field.type) {
    case 'text_list':
      return `One per line${v.maxItems ? `, at most ${v.maxItems}` : ''}.`;
    case 'metric':
      return `An amount and a unit: ${Object.values(METRIC_UNITS).map((u) => u.label).join(', ')}.`;
    case 'price':
      return 'A price in dollars, like 9.99.';
    case 'multi_select':
      return `One option per line${v.options ? `: ${v.options.join(', ')}` : ''}.`;
    default:
      return v.maxLength ? `At most ${v.maxLength} characters. Leave empty to clear.` : 'Leave empty to clear.';
  }
}
