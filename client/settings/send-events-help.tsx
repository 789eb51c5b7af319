/**
 * "How to send events": a curl example with the key, what the ingress does with the company, its limits, and the
 * events it accepts (the catalog's external events, each with its description and fields).
 */
import type { z } from 'zod';
import { EXTERNAL_EVENTS } from '../../shared/events/index.ts';
import { INGRESS_LIMITS } from '../../shared/events/ingress.ts';
import { CopyButton } from './copy-button.tsx';

function fieldsOf(schema: z.ZodObject): { required: string[]; optional: string[] } {
  const entries = Object.entries(schema.shape as Record<string, z.ZodType>).filter(([k]) => k !== 'companyId');
  const optional = (s: z.ZodType) => s.safeParse(undefined).success;
  return { required: entries.filter(([, s]) => !optional(s)).map(([k]) => k), optional: entries.filter(([, s]) => optional(s)).map(([k]) => k) };
}

export function SendEventsHelp() {
  const snippet = [
    `curl -X POST ${window.location.origin}/e/$EMBER_EVENT_KEY \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d '{"name": "audit/requested", "data": {"retailer": "walmart_us"}}'`,
  ].join('\n');
  return (
    <section aria-labelledby="send-events-heading" data-testid="send-events-help">
      <h2 id="send-events-heading" className="text-lg font-semibold text-zinc-900">
        How to send events
      </h2>
      <p className="mt-1 max-w-3xl text-zinc-500">
        POST one event, or an array of up to {INGRESS_LIMITS.maxEvents}, to <code className="font-mono text-xs">/e/&lt;key&gt;</code> (the shape of Inngest’s event API, so
        an Inngest SDK pointed at Ember works too). The key decides the company: any <code className="font-mono text-xs">companyId</code> in the data is replaced.
        A request is accepted or refused whole; the answer names the field at fault. An <code className="font-mono text-xs">id</code> makes a re-send count once.
      </p>
      <div className="mt-3 rounded-xl bg-zinc-900 p-4 text-zinc-100">
        <pre className="overflow-x-auto font-mono text-xs leading-relaxed" data-testid="send-events-snippet">
          {snippet}
        </pre>
        <div className="mt-3 [&_button]:bg-zinc-800 [&_button]:text-zinc-100 [&_button]:ring-zinc-700">
          <CopyButton text={snippet} label="Copy example" data-testid="copy-snippet" />
        </div>
      </div>
      <p className="mt-2 text-sm text-zinc-500">
        At most {INGRESS_LIMITS.maxEventBytes / 1024} KB per event and {INGRESS_LIMITS.maxRequestBytes / 1024} KB per request. Past the key’s rate limit the answer is
        429 with <code className="font-mono text-xs">Retry-After</code> (seconds).
      </p>

      <h3 className="mt-6 mb-2 font-semibold text-zinc-900">Events you can send</h3>
      <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
        <table className="w-full min-w-[44rem] text-sm">
          <caption className="sr-only">Events you can send</caption>
          <thead className="border-b border-zinc-200 bg-zinc-50/60">
            <tr>
              <th scope="col" className="px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase">Event</th>
              <th scope="col" className="px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase">What it does</th>
              <th scope="col" className="px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase">Data fields</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {EXTERNAL_EVENTS.map((e) => {
              const { required, optional } = fieldsOf(e.schema);
              return (
                <tr key={e.name} data-testid="external-event-row" data-event={e.name}>
                  <td className="px-4 py-3 align-top font-mono text-xs whitespace-nowrap text-zinc-900">{e.name}</td>
                  <td className="px-4 py-3 align-top text-zinc-700">{e.description}</td>
                  <td className="px-4 py-3 align-top font-mono text-xs text-zinc-600">
                    {required.map((f) => (
                      <span key={f} className="mr-2 font-semibold text-zinc-800" title="required">
                        {f}
                      </span>
                    ))}
                    {optional.map((f) => (
                      <span key={f} className="mr-2" title="optional">
                        {f}?
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
