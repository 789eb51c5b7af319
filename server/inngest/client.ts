/**
 * The one Inngest client. In embedded mode its outbound calls (events from `inngest.send` and `step.sendEvent`)
 * go to the in-process executor through the public `fetch` option; in the other modes it is a plain client.
 */
import { Inngest } from 'inngest';
import { inngestModeFrom } from './mode.ts';
import { ObserveMiddleware } from './observe/middleware.ts';

export const inngestMode = inngestModeFrom(process.env);

/** Where the embedded client sends events; never resolved on the network, only routed in-process. */
export const EMBEDDED_EXECUTOR_ORIGIN = 'http://ember-executor.internal';

let embeddedApi: typeof fetch | null = null;

/** Boot calls this once the embedded executor is up; until then sending an event is an error, not a hang. */
export function bindEmbeddedEventApi(api: typeof fetch | null): void {
  embeddedApi = api;
}

const embeddedFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith(EMBEDDED_EXECUTOR_ORIGIN)) return fetch(input, init);
  if (!embeddedApi) throw new Error('the embedded Inngest executor is not running yet');
  return embeddedApi(input, init);
};

// Step errors are recorded per attempt by whoever executes (the embedded executor or Inngest); tests stay quiet.
const quiet = { info() {}, warn() {}, error: process.env.VITEST ? () => {} : console.error, debug() {} };

export const inngest = new Inngest({
  id: 'ember-workflows',
  logger: quiet,
  // Records every call's step attempts in the app's own tables, whoever executes the functions (observe/).
  middleware: [ObserveMiddleware],
  ...(inngestMode.kind === 'embedded' ? { isDev: true, baseUrl: EMBEDDED_EXECUTOR_ORIGIN, fetch: embeddedFetch } : {}),
  ...(inngestMode.kind === 'dev' ? { isDev: true, baseUrl: inngestMode.url } : {}),
  ...(inngestMode.kind === 'cloud' && inngestMode.baseUrl ? { baseUrl: inngestMode.baseUrl } : {}),
});
