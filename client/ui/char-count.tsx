/**
 * "42 / 120" under a text control with a limit: grey while it fits, red past it. The control itself never cuts
 * what is typed or pasted (no `maxLength`): the form refuses it with the limit named instead.
 */
export function CharCount({ id, length, limit }: { id?: string; length: number; limit: number }) {
  const over = length > limit;
  return (
    <span id={id} data-testid="char-count" data-over={over ? 'true' : 'false'} className={`shrink-0 text-xs tabular-nums ${over ? 'font-medium text-red-700' : 'text-zinc-500'}`}>
      {length.toLocaleString('en-US')} / {limit.toLocaleString('en-US')}
      {over && <span className="sr-only"> characters: too long</span>}
    </span>
  );
}
