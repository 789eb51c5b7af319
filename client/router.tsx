/**
 * A tiny client-side router: the URL path is the only state, history.pushState changes it and `popstate`
 * (back/forward) or our own navigate() tell subscribers. Patterns are plain paths with `:param` segments.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type RouteParams = Record<string, string>;

/** Matches `pathname` against a pattern like `/supplier/:slug/workflows/:id`; null when it does not match. */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const want = splitPath(pattern);
  const got = splitPath(pathname);
  if (want.length !== got.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(g);
      } catch {
        return null;
      }
      params[w.slice(1)] = value;
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

/** First pattern of `patterns` that matches, with its params. */
export function matchFirst<P extends string>(patterns: readonly P[], pathname: string): { pattern: P; params: RouteParams } | null {
  for (const pattern of patterns) {
    const params = matchPath(pattern, pathname);
    if (params) return { pattern, params };
  }
  return null;
}

function splitPath(path: string): string[] {
  // Trailing and doubled slashes do not change the route: `/a//b/` is `/a/b`.
  return path.split('/').filter((s) => s !== '');
}

const NAVIGATE_EVENT = 'ember:navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (opts.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current query string (`?a=b`, or ''), for pages that keep their view state in the URL. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** The current pathname matched against `patterns`; `match` is null for an unknown route. */
export function useRoute<P extends string>(patterns: readonly P[]) {
  const pathname = usePathname();
  return { pathname, match: matchFirst(patterns, pathname) };
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary anchor (so middle-click and copy-link work) that navigates in-app on a plain left click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function handleClick(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handleClick} {...rest} />;
}
