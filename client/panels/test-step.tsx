/**
 * "Test step" in a step's panel: run this one step with an input from the workflow's last run, a sample, or one the
 * user pinned (edited as JSON if need be) and see its output, without starting a run (workflows.testStep). A step with side effects asks
 * first, saying what will happen ("This sends a POST to https://…"); the server refuses it without that confirm.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Step } from '../../shared/graph/schema.ts';
import { stepTestMode } from '../../shared/steps/test-step.ts';
import { useEditor } from '../canvas/store.ts';
import { apiError } from '../lib/api-errors.ts';
import { JsonView } from '../run-view/json-view.tsx';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { inputFromRun, parseTestInput, sampleInput, type TestInput } from './test-step-input.ts';
import { usePinnedInput } from './use-pinned-input.ts';

type Source = 'pinned' | 'last-run' | 'sample';

export function TestStepSection({ step }: { step: Step }) {
  const mode = stepTestMode(step.kind);
  const canTest = useEditor((s) => s.access.edit);
  if (!canTest) return null;
  return (
    <section aria-labelledby={`test-${step.id}`} data-testid="test-step" className="flex flex-col gap-2 border-t border-zinc-100 pt-4">
      <h3 id={`test-${step.id}`} className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        Test this step
      </h3>
      {mode.mode === 'untestable' ? <p className="text-xs text-zinc-500" data-testid="test-step-untestable">{mode.reason}.</p> : <TestStepForm step={step} effect={mode.mode === 'effect' ? mode.describe(step.config) : null} />}
    </section>
  );
}

function TestStepForm({ step, effect }: { step: Step; effect: string | null }) {
  const trpc = useTRPC();
  const meta = useEditor((s) => s.meta);
  const latest = useQuery({ ...trpc.runs.list.queryOptions({ companySlug: meta.companySlug, workflowId: meta.id, limit: 1 }), refetchOnWindowFocus: false });
  const lastRunId = latest.data?.[0]?.id;
  const lastRun = useQuery({ ...trpc.runs.get.queryOptions({ companySlug: meta.companySlug, id: lastRunId ?? '' }), enabled: !!lastRunId, refetchOnWindowFocus: false });
  const [pinned, pin] = usePinnedInput(meta.id, step.id);
  const [source, setSource] = useState<Source | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const test = useMutation(trpc.workflows.testStep.mutationOptions());

  // Until the user picks: what they pinned, else the last run when there is one, else the sample; the JSON is theirs once edited.
  const picked: Source = source ?? (pinned ? 'pinned' : lastRunId ? 'last-run' : 'sample');
  const fromSource = (s: Source): TestInput | null => (s === 'sample' ? sampleInput(meta.triggerConfig) : s === 'last-run' && lastRun.data ? inputFromRun(lastRun.data) : null);
  const generated = picked === 'pinned' ? pinned : JSON.stringify(fromSource(picked), null, 2);
  const shown = text ?? (generated && generated !== 'null' ? generated : '');
  const parsed = shown ? parseTestInput(shown) : { error: 'Waiting for the last run…' };

  function pick(s: Source) {
    setSource(s);
    setText(null);
  }

  function run(confirm: boolean) {
    if (!('input' in parsed)) return;
    setAsking(false);
    test.mutate({ companySlug: meta.companySlug, workflowId: meta.id, step, input: parsed.input, confirm });
  }

  const result = test.data;
  return (
    <div className="flex flex-col gap-2">
      <fieldset className="flex flex-wrap items-center gap-3 text-xs text-zinc-700">
        <legend className="sr-only">Test with</legend>
        <span className="font-medium">Input</span>
        {pinned && (
          <label className="flex items-center gap-1">
            <input type="radio" name={`test-src-${step.id}`} checked={picked === 'pinned'} onChange={() => pick('pinned')} data-testid="test-input-pinned" className="accent-orange-600" />
            Pinned
          </label>
        )}
        <label className="flex items-center gap-1">
          <input type="radio" name={`test-src-${step.id}`} checked={picked === 'last-run'} disabled={!lastRunId} onChange={() => pick('last-run')} data-testid="test-input-last-run" className="accent-orange-600" />
          Last run{!lastRunId && latest.isSuccess ? ' (none yet)' : ''}
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name={`test-src-${step.id}`} checked={picked === 'sample'} onChange={() => pick('sample')} data-testid="test-input-sample" className="accent-orange-600" />
          Sample
        </label>
      </fieldset>
      <label className="flex flex-col gap-1">
        <span className="sr-only">Test input (JSON)</span>
        <textarea
          data-testid="test-input-json"
          rows={6}
          spellCheck={false}
          value={shown}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={'error' in parsed && text !== null ? true : undefined}
          className="w-full resize-y rounded-md bg-white px-2 py-1.5 font-mono text-[12px] text-zinc-900 ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none"
        />
      </label>
      {'error' in parsed && text !== null && <p className="text-xs text-red-700">{parsed.error}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <Button data-testid="test-step-run" disabled={!('input' in parsed) || test.isPending} onClick={() => (effect ? setAsking(true) : run(false))}>
          {test.isPending ? 'Testing…' : 'Test step'}
        </Button>
        <Button
          variant="ghost"
          data-testid="test-input-pin"
          disabled={!('input' in parsed) || (picked === 'pinned' && text === null)}
          onClick={() => {
            pin(shown);
            setSource('pinned');
            setText(null);
          }}
          title="Keep this input for testing this step next time (in this browser)"
        >
          Pin input
        </Button>
        {picked === 'pinned' && (
          <Button variant="ghost" data-testid="test-input-unpin" onClick={() => (pin(null), pick(lastRunId ? 'last-run' : 'sample'))}>
            Unpin
          </Button>
        )}
        {effect && <span className="text-xs text-amber-800">Acts for real: asks first</span>}
      </div>
      {test.error && (
        <p role="alert" data-testid="test-step-error" className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 ring-1 ring-red-200 ring-inset">
          {apiError(test.error).message}
        </p>
      )}
      {result && (
        <div data-testid="test-step-result" data-ok={result.ok} className="flex flex-col gap-1">
          <p className={`text-xs font-medium ${result.ok ? 'text-emerald-700' : 'text-red-700'}`}>
            {result.ok ? 'Output' : 'Failed'} <span className="font-normal text-zinc-500">in {result.ms} ms</span>
          </p>
          {result.ok ? <JsonView value={result.output} testId="test-step-output" empty="No output" /> : <p data-testid="test-step-failure" className="text-xs text-red-800">{result.error}</p>}
        </div>
      )}
      {effect && (
        <Dialog open={asking} onClose={() => setAsking(false)} title={`Test "${step.name}" for real?`} description={`${effect}. Testing does not start a run, but this step acts as it would in one.`} data-testid="test-step-confirm">
          <div className="flex justify-end gap-2">
            <Button onClick={() => setAsking(false)}>Cancel</Button>
            <Button variant="primary" data-testid="test-step-confirm-run" onClick={() => run(true)}>
              Run it for real
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
