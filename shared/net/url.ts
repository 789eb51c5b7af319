/**
 * The checks an outbound URL gets before any DNS: syntax (WHATWG, as the server parses it), scheme, no embedded
 * credentials, and the host's verdict (address.ts). The HTTP step's schema and the server guard both call this, so
 * the form, publishing and a run refuse a URL with the same message.
 */
import { classifyHost, type HostVerdict } from './address.ts';
import { EMPTY_ALLOWLIST, type Allowlist } from './allowlist.ts';

export type UrlVerdict = { ok: true; url: URL; host: Extract<HostVerdict, { allowed: true }> } | { ok: false; reason: string };

export function checkOutboundUrl(raw: string | URL, allow: Allowlist = EMPTY_ALLOWLIST): UrlVerdict {
  let url: URL;
  if (raw instanceof URL) url = raw;
  else {
    const text = raw.trim();
    if (!text) return { ok: false, reason: 'enter an http:// or https:// URL' };
    // Browsers' parsers forgive a space (Chromium turns `exa mple.com` into `exa%20mple.com`) where Node's refuses
    // it: refuse whitespace before parsing, so the form in the browser and the server give the same verdict.
    if (/\s/.test(text)) return { ok: false, reason: 'not a valid URL (it contains a space; encode it as %20)' };
    try {
      url = new URL(text);
    } catch {
      return { ok: false, reason: 'not a valid URL' };
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `only http:// and https:// URLs are allowed, not ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: 'URLs with a user name or password are not allowed; send credentials in a header' };
  const host = classifyHost(url.hostname, allow);
  if (!host.allowed) return { ok: false, reason: host.reason };
  return { ok: true, url, host };
}
