/**
 * One suggestion: current value beside the suggested one, confidence, the quoted evidence (marked when it was not
 * found in the source text) and validation notes; accept, edit-then-accept and reject. Edits are parsed by the
 * shared value parser, so the form accepts exactly what the server will.
 */
import { useId, useState } from 'react';
import { formatValue, parseValueText } from '../../shared/catalog/values.ts';
import type { RouterOutputs } from '../trpc.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ConfidenceBadge } from './confidence.tsx';

export type Suggestion = RouterOutputs['enrichment']['suggestions']['products'][number]['suggestions'][number];

const LINE = '\n';

export function SuggestionItem({
  s,
  selected,
  onSelect,
  canDecide,
  busy,
  error,
  onAccept,
  onReject,
}: {
  s: Suggestion;
  selected: boolean;
  onSelect: (on: boolean) => void;
  canDecide: boolean;
  busy: boolean;
  /** Why the last decision on this suggestion failed, shown beside it. */
  error: string | null;
  onAccept: (value?: unknown) => void;
  onReject: () => void;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => formatValue(s.attributeType, s.suggestedValue, LINE));
  const parsed = parseValueText({ code: s.attribute, label: s.attributeLabel, type: s.attributeType, validation: s.attributeValidation }, text, LINE);
  const problems = s.validation.filter((v) => v.severity !== 'info' || v.rule === 'ALWAYS_REVIEW');
  const current = formatValue(s.attributeType, s.currentValue, LINE);

  return (
    <li className="py-4" data-testid={`suggestion-${s.id}`} data-attribute={s.attribute}>
      <div className="flex items-start gap-3">
        {canDecide && (
          <input
            type="checkbox"
            className="mt-1 size-4 rounded border-zinc-300 text-orange-600 focus:ring-orange-500"
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={`Select the ${s.attributeLabel} suggestion for ${s.sku}`}
            data-testid="suggestion-select"
          />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium text-zinc-900">{s.attributeLabel}</h3>
            {s.channel && <Badge>{s.channel}</Badge>}
            <ConfidenceBadge value={s.confidence} model={s.modelConfidence} />
          </div>
          <dl className="mt-2 grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Current</dt>
              <dd className="mt-0.5 whitespace-pre-line text-zinc-600" data-testid="suggestion-current">
                {current || <span className="text-zinc-400 italic">empty</span>}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Suggested</dt>
              <dd className="mt-0.5 whitespace-pre-line text-zinc-900" data-testid="suggestion-value">
                {formatValue(s.attributeType, s.suggestedValue, LINE)}
              </dd>
            </div>
          </dl>
          {s.rationale && <p className="mt-2 text-sm text-zinc-500">{s.rationale}</p>}
          {s.evidence.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-2 text-xs" aria-label="Evidence">
              {s.evidence.map((e, i) => (
                <li key={i} className={`rounded-md px-2 py-1 ring-1 ring-inset ${e.found === false ? 'bg-amber-50 text-amber-800 ring-amber-200' : 'bg-zinc-50 text-zinc-600 ring-zinc-200'}`}>
                  “{e.quote}” <span className="text-zinc-400">— {e.sourceField.replaceAll('_', ' ')}</span>
                  {e.found === false && <span className="ml-1 font-medium">not found in source</span>}
                </li>
              ))}
            </ul>
          )}
          {problems.length > 0 && (
            <ul className="mt-2 space-y-1 text-sm" aria-label="Validation notes" data-testid="suggestion-validation">
              {problems.map((v, i) => (
                <li key={i} className={v.severity === 'error' ? 'text-red-700' : v.severity === 'warning' ? 'text-amber-700' : 'text-zinc-600'}>
                  <span className="font-mono text-xs">{v.rule}</span> {v.message}
                </li>
              ))}
            </ul>
          )}
          {editing && (
            <form
              className="mt-3 flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (parsed.ok && parsed.value) onAccept(parsed.value);
              }}
            >
              <label htmlFor={id} className="text-sm font-medium text-zinc-700">
                Edit {s.attributeLabel.toLowerCase()} before accepting
              </label>
              <textarea
                id={id}
                data-testid="suggestion-edit-input"
                className={`block w-full resize-y rounded-md border-0 px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none ${parsed.ok ? 'ring-zinc-300' : 'ring-red-400'}`}
                rows={s.attributeType === 'textarea' || s.attributeType === 'text_list' ? 4 : 2}
                value={text}
                aria-invalid={!parsed.ok || undefined}
                aria-describedby={`${id}-help`}
                onChange={(e) => setText(e.target.value)}
              />
              <p id={`${id}-help`} className={`text-xs ${parsed.ok ? 'text-zinc-500' : 'text-red-700'}`} role={parsed.ok ? undefined : 'alert'}>
                {parsed.ok ? (s.attributeType === 'text_list' ? 'One bullet per line.' : s.attributeValidation.options ? `One of: ${s.attributeValidation.options.join(', ')}` : ' ') : parsed.message}
              </p>
              <div className="flex gap-2">
                <Button type="submit" variant="primary" disabled={busy || !parsed.ok || !parsed.value} data-testid="suggestion-save-accept">
                  Accept edited value
                </Button>
                <Button variant="ghost" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              </div>
            </form>
          )}
        </div>
        {canDecide && !editing && (
          <div className="flex shrink-0 flex-col gap-2 sm:flex-row">
            <Button variant="primary" disabled={busy} onClick={() => onAccept()} data-testid="suggestion-accept">
              Accept
            </Button>
            <Button disabled={busy} onClick={() => setEditing(true)} data-testid="suggestion-edit">
              Edit
            </Button>
            <Button variant="ghost" disabled={busy} onClick={onReject} data-testid="suggestion-reject">
              Reject
            </Button>
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700" data-testid="suggestion-error">
          {error}
        </p>
      )}
    </li>
  );
}
