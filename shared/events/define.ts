/**
 * How an event is declared. Every event the platform sends or consumes is one `defineEvent` in this folder (one file
 * per domain) with its zod payload and its audience:
 * - `external`: may arrive at the app's ingress (`POST /e/:key`) with a company's event key; the key decides the
 *   company, so `data.companyId` is always overwritten by the ingress;
 * - `internal`: only the server's own code sends it (the ingress refuses it with 403).
 * Events are built only through `makeEvent`, so an unknown name, a missing field or a wrong type does not compile.
 * Schemas use no transforms or defaults (Inngest rejects them); adding an optional field is non-breaking.
 */
import type { z } from 'zod';

export const EVENT_AUDIENCES = ['external', 'internal'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export interface EventDef<N extends string = string, S extends z.ZodObject = z.ZodObject, A extends EventAudience = EventAudience> {
  readonly name: N;
  readonly schema: S;
  readonly audience: A;
  /** One line for people: the Emit event step's picker and the Settings page show it. */
  readonly description: string;
}

export function defineEvent<const N extends string, S extends z.ZodObject, const A extends EventAudience>(name: N, def: { schema: S; audience: A; description: string }): EventDef<N, S, A> {
  return Object.freeze({ name, ...def });
}

/** The payload of an event definition. */
export type EventData<D extends EventDef> = z.infer<D['schema']>;

/** One event on the wire: what senders hand to Inngest's `send` / `step.sendEvent`. */
export interface CatalogEventOf<D extends EventDef> {
  id: string;
  name: D['name'];
  data: EventData<D>;
}

/**
 * The only way to build an event: typed by its definition. The id makes a re-send idempotent (Inngest dedupes on it
 * for 24 h), so every sender passes one derived from what it is about, never a random one.
 */
export function makeEvent<D extends EventDef>(def: D, id: string, data: EventData<D>): CatalogEventOf<D> {
  return { id, name: def.name, data };
}
