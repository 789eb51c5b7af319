/** Conformance functions: Ops the executor performs itself or routes (signals, step.fetch, step.ai.infer). Each names the Inngest document or source it follows. */
import type { Inngest } from 'inngest';
import type { ConfLog } from './conformance-app.ts';

export function opsFunctions(inngest: Inngest.Any, log: ConfLog) {
  return [
    // follows inngest docs: reference/typescript/v4/functions/step-wait-for-signal (timeout → null, onConflict) and
    // pkg/execution/executor/executor.go handleGeneratorWaitForSignal (a conflict fails the waiting step)
    inngest.createFunction({ id: 'signal-waiter', triggers: [{ event: 'conf/signal-wait' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      try {
        const got = await step.waitForSignal<{ n?: number }>('await-signal', {
          signal: String(event.data.signal),
          timeout: String(event.data.timeout ?? '20s'),
          onConflict: event.data.onConflict === 'replace' ? 'replace' : 'fail',
        });
        await step.run('after-wait', () => log(k, got === null ? 'timed-out' : `signalled-${got.data.n}`));
        return { got };
      } catch (err) {
        await step.run('caught-wait', () => log(k, 'caught'));
        return { caught: (err as Error).message };
      }
    }),
    // follows inngest docs: reference/typescript/v4/functions/step-wait-for-signal ("client.sendSignal"), SDK api/api.js sendSignal
    inngest.createFunction({ id: 'signal-poster', triggers: [{ event: 'conf/signal-post' }] }, async ({ event, step }) =>
      step.run('post-signal', () => inngest.sendSignal({ signal: String(event.data.signal), data: event.data.payload })),
    ),
    // follows inngest docs: reference/typescript/v4/functions/step-send-signal (a planned step the SDK runs; memoized once)
    inngest.createFunction({ id: 'signal-sender', triggers: [{ event: 'conf/signal-send' }] }, async ({ event, step }) => {
      const sent = await step.sendSignal('send-signal', { signal: String(event.data.signal), data: event.data.payload });
      await step.run('after-send', () => log(String(event.data.key), 'sent'));
      return sent;
    }),
    // follows inngest docs: reference/typescript/v4/functions/step-fetch and SDK components/Fetch.js (the memo rebuilt as a Response)
    inngest.createFunction({ id: 'fetcher', triggers: [{ event: 'conf/fetch' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      try {
        const res = await step.fetch(String(event.data.url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-conf-key': k }, body: JSON.stringify({ key: k }) });
        const body = (await res.json()) as Record<string, unknown>;
        await step.run('after-fetch', () => log(k, `fetched-${res.status}`));
        return { status: res.status, header: res.headers.get('x-receiver'), body };
      } catch (err) {
        await step.run('caught-fetch', () => log(k, 'caught'));
        return { caught: (err as Error).message };
      }
    }),
    // follows inngest docs: reference/typescript/v4/functions/step-ai-infer and pkg/execution/executor/executor.go handleGeneratorAIGateway
    inngest.createFunction({ id: 'inferrer', triggers: [{ event: 'conf/infer' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      const out = await step.ai.infer('ask-claude', {
        model: step.ai.models.anthropic({ model: 'claude-sonnet-4-5', defaultParameters: { max_tokens: 256 } }),
        body: {
          messages: [{ role: 'user', content: `say hello to ${k}` }],
          tools: [{ name: 'greet', description: 'a greeting', input_schema: { type: 'object', properties: { greeting: { type: 'string' } } } }],
          tool_choice: { type: 'tool', name: 'greet' },
        },
      });
      await step.run('after-infer', () => log(k, 'inferred'));
      const use = out.content.find((c) => c.type === 'tool_use');
      return { greeting: use && 'input' in use ? (use.input as { greeting?: string }).greeting : null, usage: out.usage };
    }),
  ];
}
