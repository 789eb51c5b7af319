import { useId, type ComponentProps } from 'react';

/** A labelled native <select>: keyboard and screen-reader behaviour come for free. */
export function SelectField({ label, options, className = '', ...rest }: { label: string; options: readonly { value: string; label: string }[] } & ComponentProps<'select'>) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <select id={id} className="block w-full rounded-md border-0 bg-white py-2 pr-8 pl-3 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none" {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
