/**
 * How the executor reaches an Inngest app: in-process (the SDK's own web handler called with synthetic Requests,
 * no socket) or over HTTP to an app at a URL, like the Dev Server's `-u`. Both speak the same protocol.
 */
import canonicalizeModule from 'canonicalize';
import { createHmac } from 'node:crypto';
import type { Inngest, InngestFunction } from 'inngest';
import { serve } from 'inngest/edge';

export interface SdkResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface SdkTransport {
  readonly url: string;
  /** In-band sync: the app answers with its function configurations. */
  sync(): Promise<SdkResponse>;
  call(query: { fnId: string; stepId: string }, body: unknown, headers?: Record<string, string>): Promise<SdkResponse>;
}

const IN_PROCESS_URL = 'http://ember.internal/api/inngest';

export function inProcessTransport(app: { client: Inngest.Any; functions: InngestFunction.Any[] }): SdkTransport {
  const handler = serve({ client: app.client, functions: app.functions });
  const send = async (url: string, init: RequestInit): Promise<SdkResponse> => {
    // The web adapter resolves the URL against the Host header, so it must be present.
    const res = await handler(new Request(url, { ...init, headers: { host: 'ember.internal', ...(init.headers as Record<string, string>) } }));
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  return {
    url: IN_PROCESS_URL,
    sync: () => send(IN_PROCESS_URL, syncInit(IN_PROCESS_URL)),
    call: (q, body, headers) => send(callUrl(IN_PROCESS_URL, q), callInit(body, headers)),
  };
}

export function httpTransport(appUrl: string, opts: { signingKey?: string; timeoutMs?: number } = {}): SdkTransport {
  const send = async (url: string, init: RequestInit): Promise<SdkResponse> => {
    const headers = { ...(init.headers as Record<string, string>) };
    if (opts.signingKey && typeof init.body === 'string') headers['x-inngest-signature'] = sign(init.body, opts.signingKey);
    const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 5 * 60_000) });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  return {
    url: appUrl,
    sync: () => send(appUrl, syncInit(appUrl)),
    call: (q, body, headers) => send(callUrl(appUrl, q), callInit(body, headers)),
  };
}

function syncInit(url: string): RequestInit {
  return {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-inngest-sync-kind': 'in_band', 'x-inngest-server-kind': 'dev' },
    body: JSON.stringify({ url }),
  };
}

function callUrl(base: string, q: { fnId: string; stepId: string }): string {
  const u = new URL(base);
  u.searchParams.set('fnId', q.fnId);
  u.searchParams.set('stepId', q.stepId);
  return u.toString();
}

function callInit(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inngest-server-kind': 'dev', ...headers },
    body: JSON.stringify(body),
  };
}

/** Inngest's request signature: HMAC-SHA256 of body + timestamp, keyed with the signing key minus its prefix. */
function sign(body: string, signingKey: string): string {
  const t = Math.floor(Date.now() / 1000).toString();
  // The SDK verifies against the JSON canonicalisation (RFC 8785) of the body it parsed.
  const canonical = (canonicalizeModule as unknown as (v: unknown) => string)(JSON.parse(body));
  const s = createHmac('sha256', signingKey.replace(/^signkey-\w+-/, '')).update(canonical + t).digest('hex');
  return `t=${t}&s=${s}`;
}
