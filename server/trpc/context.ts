import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogEvent } from '../../shared/events/index.ts';
import type { AssetStore } from '../services/assets/store.ts';
import type { Db } from '../db/client.ts';
import type { RunStepFeed } from '../services/runs/live-feed.ts';
import { parseCookies, SESSION_COOKIE, userForSession, type SessionUser } from '../services/auth/session.ts';

/** Process-wide handles, created once at boot and shared by every request. */
export interface AppDeps {
  db: Db;
  sessionTtlS: number;
  secureCookies: boolean;
  /** Sends Inngest events (after the procedure's transaction committed). */
  sendEvent: (events: CatalogEvent[]) => Promise<void>;
  /** Asset bytes for the upload/content endpoints; default: EMBER_DATA_DIR/assets. */
  assets?: AssetStore;
  /** The process's live feed of run changes, for subscriptions (absent in contexts that never subscribe). */
  feed?: RunStepFeed;
}


export interface Context extends AppDeps {
  user: SessionUser | null;
  sessionToken: string | null;
  setCookie: (cookie: string) => void;
}

/** Separate from the HTTP request so tests build contexts directly (createCaller). */
export function createContextInner(deps: AppDeps, fields: Partial<Pick<Context, 'user' | 'sessionToken' | 'setCookie'>> = {}): Context {
  return { ...deps, user: fields.user ?? null, sessionToken: fields.sessionToken ?? null, setCookie: fields.setCookie ?? (() => {}) };
}

export function createHttpContextFactory(deps: AppDeps) {
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE] ?? null;
    const user = token ? await userForSession(deps.db, token) : null;
    const cookies: string[] = [];
    return createContextInner(deps, {
      user,
      sessionToken: user ? token : null,
      setCookie: (cookie) => {
        cookies.push(cookie);
        res.setHeader('Set-Cookie', cookies);
      },
    });
  };
}
