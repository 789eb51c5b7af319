/** Copies a text to the clipboard and says so (announced); where the clipboard is unavailable, says to copy by hand. */
import { useEffect, useState } from 'react';
import { Button } from '../ui/button.tsx';

export function CopyButton({ text, label, ...rest }: { text: string; label: string; 'data-testid'?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const t = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(t);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button onClick={() => void copy()} {...rest}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-zinc-500" data-testid="copy-status">
        {state === 'copied' && 'Copied'}
        {state === 'failed' && <span className="text-red-700">Copy by hand: select the text</span>}
      </span>
    </span>
  );
}
