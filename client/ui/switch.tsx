import type { ButtonHTMLAttributes } from 'react';
import { FOCUS_RING } from './button.tsx';

type SwitchProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange' | 'role'> & {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: string;
};

/** A two-state button with role="switch"; Space and Enter toggle it like any button. */
export function Switch({ checked, onChange, label, className = '', ...rest }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${FOCUS_RING} ${checked ? 'bg-orange-600' : 'bg-zinc-300'} ${className}`}
      {...rest}
    >
      <span
        aria-hidden="true"
        className={`inline-block size-4 rounded-full bg-white shadow-sm ring-1 ring-black/5 transition-transform ${checked ? 'translate-x-4.5' : 'translate-x-0.5'}`}
      />
    </button>
  );
}
