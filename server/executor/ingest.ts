/**
 * An event arrives: store it (an id seen before is ignored), resume runs waiting for it, cancel runs it cancels,
 * and start the functions it triggers, subject to their flow control. All inside the caller's transaction.
 */
import { celKey, celMatches } from './cel.ts';
import type { Effects, ExecContext } from './context.ts';
import { durationMs } from './durations.ts';
import { ulid } from './ids.ts';
import type { FunctionConfig, InngestEvent } from './protocol.ts';
import { addToBatch, admitRun } from './flow.ts';
import { keyValue, valueAt } from './pause-key.ts';
import { finishRun, type Emit } from './runs.ts';
import { discoverWhenSettled, enqueue, json, lockRun, memoize, type Tx } from './state.ts';

export type IncomingEvent = { name: string; data?: Record<string, unknown>; id?: string; ts?: number; user?: Record<string, unknown> };

/**
 * Serialises an event's arrival with the registration of a wait for it: whichever commits first, the other sees it
 * (the wait's look-back finds the event, or the event finds the wait). Taken before any run lock, names sorted, so
 * the two paths cannot deadlock. Internal `inngest/` events are never waited on this way and skip it.
 */
export async function lockEventNames(tx: Tx, names: string[]): Promise<void> {
  for (const name of [...new Set(names)].filter((n) => !n.startsWith('inngest/')).sort()) {
    await tx`select pg_advisory_xact_lock(hashtext(${`ember_exec_event:${name}`}))`;
  }
}

/**
 * Stores a batch in one statement and looks up the waits on its names in one more, so a batch of events that start
 * nothing costs the same few round trips as one event; only the events that do something cost more.
 */
export async function ingestEvents(ctx: ExecContext, tx: Tx, fx: Effects, incoming: IncomingEvent[]): Promise<string[]> {
  if (incoming.length === 0) return [];
  await lockEventNames(tx, incoming.map((e) => e.name));
  const events: InngestEvent[] = incoming.map((raw) => ({ id: raw.id || ulid(ctx.now()), name: raw.name, data: raw.data ?? {}, ts: raw.ts ?? ctx.now(), ...(raw.user ? { user: raw.user } : {}) }));
  // One insert for the batch, in order; an id seen before (or twice in the batch) is stored once and acted on once.
  const stored = await tx<{ id: string; internalId: string }[]>`
    insert into ember_exec.events (id, name, data, "user", ts)
    select e.id, e.name, e.data, e."user", e.ts
    from rows from (jsonb_to_recordset(${json(events.map((e) => ({ id: e.id, name: e.name, data: e.data, user: e.user ?? null, ts: e.ts })))}::text::jsonb)
      as (id text, name text, data jsonb, "user" jsonb, ts bigint)) with ordinality as e(id, name, data, "user", ts, ord)
    order by e.ord
    on conflict (id) do nothing returning id, internal_id as "internalId"`;
  const internalIds = new Map(stored.map((r) => [r.id, Number(r.internalId)]));
  const fresh = events.filter((e) => {
    const isNew = internalIds.has(e.id);
    internalIds.delete(e.id); // a second copy of the id in the same batch is a duplicate
    return isNew;
  });
  const byId = new Map(stored.map((r) => [r.id, Number(r.internalId)]));
  const waits = await pausesFor(tx, fresh);
  for (const event of fresh) {
    fx.events.push(event.name);
    await resumePauses(ctx, tx, fx, event, waits);
    await cancelRuns(ctx, tx, fx, event);
    for (const { config, expression } of ctx.registry.triggeredBy(event.name)) {
      if (!celMatches(expression, { event })) continue;
      await triggerFunction(ctx, tx, fx, config, event, byId.get(event.id)!);
    }
  }
  return events.map((e) => e.id);
}

interface Pause {
  runId: string;
  stepId: string;
  expression: string | null;
  runEvent: unknown;
  eventName: string;
  matchPath: string | null;
  matchValue: string | null;
  matchExact: boolean;
  /** Age order (epoch seconds of created_at). */
  createdAt: number;
  taken?: boolean;
}

/** The waits these events could resume, indexed the way each event looks them up. */
interface Waits {
  /** Waits whose expression pins nothing: every event of their name is a candidate. */
  unkeyed: Map<string, Pause[]>;
  /** Keyed waits by (name, path, value). */
  keyed: Map<string, Pause[]>;
  /** Per event name, the paths its keyed waits use. */
  paths: Map<string, string[]>;
}

const keyOf = (name: string, path: string, value: string) => JSON.stringify([name, path, value]);

/**
 * The waits these events could resume, locked (a wait a concurrent batch holds is that batch's): the unkeyed
 * waits on their names, and the keyed ones whose (path, value) the events carry — index lookups, so the cost
 * follows the events, not the number of runs waiting (pause-key.ts).
 */
async function pausesFor(tx: Tx, events: InngestEvent[]): Promise<Waits> {
  const waits: Waits = { unkeyed: new Map(), keyed: new Map(), paths: new Map() };
  const names = [...new Set(events.map((e) => e.name))];
  if (names.length === 0) return waits;
  // '' marks a name that unkeyed waits may use; any other path is one its keyed waits use.
  const unkeyedNames: string[] = [];
  for (const r of await tx<{ eventName: string; path: string }[]>`select event_name as "eventName", path from ember_exec.pause_paths where event_name = any(${names}::text[])`) {
    if (r.path === '') unkeyedNames.push(r.eventName);
    else waits.paths.set(r.eventName, [...(waits.paths.get(r.eventName) ?? []), r.path]);
  }
  const probes = new Map<string, [string, string, string]>();
  for (const e of events) {
    for (const path of waits.paths.get(e.name) ?? []) {
      const value = keyValue(valueAt(e, path));
      if (value !== null) probes.set(keyOf(e.name, path, value), [e.name, path, value]);
    }
  }
  const probeList = [...probes.values()];
  const columns = tx`p.run_id as "runId", p.step_id as "stepId", p.expression, r.event as "runEvent", p.event_name as "eventName",
    p.match_path as "matchPath", p.match_value as "matchValue", p.match_exact as "matchExact", extract(epoch from p.created_at)::float8 as "createdAt"`;
  // Two index lookups (an OR of the two would scan every wait): keyed waits joined to the probes, then unkeyed ones.
  const keyed = probeList.length
    ? await tx<Pause[]>`
        select ${columns} from unnest(${probeList.map((p) => p[0])}::text[], ${probeList.map((p) => p[1])}::text[], ${probeList.map((p) => p[2])}::text[]) as k(name, path, value)
        join ember_exec.pauses p on p.event_name = k.name and p.match_path = k.path and p.match_value = k.value
        join ember_exec.runs r on r.id = p.run_id
        where r.status = 'running' order by p.created_at for update of p skip locked`
    : [];
  const unkeyed = unkeyedNames.length
    ? await tx<Pause[]>`
        select ${columns} from ember_exec.pauses p join ember_exec.runs r on r.id = p.run_id
        where p.event_name = any(${unkeyedNames}::text[]) and p.match_path is null and r.status = 'running'
        order by p.created_at for update of p skip locked`
    : [];
  for (const p of [...keyed, ...unkeyed]) {
    const bucket = p.matchPath === null ? waits.unkeyed : waits.keyed;
    const k = p.matchPath === null ? p.eventName : keyOf(p.eventName, p.matchPath, p.matchValue!);
    bucket.set(k, [...(bucket.get(k) ?? []), p]);
  }
  return waits;
}

/** This event's candidate waits, oldest first: the unkeyed ones on its name and the keyed ones its values hit. */
function candidatesFor(event: InngestEvent, waits: Waits): Pause[] {
  const out = [...(waits.unkeyed.get(event.name) ?? [])];
  for (const path of waits.paths.get(event.name) ?? []) {
    const value = keyValue(valueAt(event, path));
    if (value !== null) out.push(...(waits.keyed.get(keyOf(event.name, path, value)) ?? []));
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

async function resumePauses(ctx: ExecContext, tx: Tx, fx: Effects, event: InngestEvent, waits: Waits) {
  for (const p of candidatesFor(event, waits)) {
    if (p.taken) continue; // an earlier event of this batch resumed it
    if (!(p.matchExact || celMatches(p.expression, { event: p.runEvent, async: event }))) continue;
    const run = await lockRun(tx, p.runId);
    if (!run || run.status !== 'running') continue;
    const gone = await tx`delete from ember_exec.pauses where run_id = ${run.id} and step_id = ${p.stepId} returning 1`;
    p.taken = true;
    if (!gone.length) continue;
    await tx`delete from ember_exec.queue where run_id = ${run.id} and kind = 'wait_timeout' and step_id = ${p.stepId}`;
    // waitForEvent's memo is the raw event itself, not wrapped in {data}.
    await memoize(tx, run.id, p.stepId, 'WaitForEvent', event);
    await discoverWhenSettled(tx, run);
    fx.wake = true;
    ctx.log(`run ${run.id} resumed by ${event.name}`);
  }
}

async function cancelRuns(ctx: ExecContext, tx: Tx, fx: Effects, event: InngestEvent) {
  for (const config of ctx.registry.cancelledBy(event.name)) {
    // Match without locks, then lock only the matching runs, waiting for any a worker is applying right now:
    // SKIP LOCKED here would let a busy run miss its cancellation.
    const runs = await tx`select id, event, created_at as "createdAt" from ember_exec.runs where function_slug = ${config.id} and status = 'running'`;
    for (const c of config.cancel ?? []) {
      if (c.event !== event.name) continue;
      for (const run of runs) {
        if (c.timeout && Date.parse(String(run.createdAt)) + durationMs(c.timeout) < ctx.now()) continue;
        if (!celMatches(c.if, { event: run.event, async: event })) continue;
        const locked = await lockRun(tx, run.id as string);
        if (locked?.status !== 'running') continue;
        await finishRun(ctx, tx, fx, locked.id, { status: 'cancelled', error: { name: 'Cancelled', message: `cancelled by ${event.name}` } }, ingestEvents.bind(null, ctx));
      }
    }
  }
}

/**
 * Flow control in the order Inngest applies it at scheduling: rate limit, idempotency, debounce, batching; then
 * singleton and throttle as the run is admitted (flow.ts).
 */
async function triggerFunction(ctx: ExecContext, tx: Tx, fx: Effects, config: FunctionConfig, event: InngestEvent, internalId: number) {
  let rateKey: string | null = null;
  if (config.rateLimit) {
    rateKey = celKey(config.rateLimit.key, { event }) ?? '';
    // Serialise deciders for the same key so two events cannot both take the last slot.
    await tx`select pg_advisory_xact_lock(hashtext(${`rate:${config.id}:${rateKey}`}))`;
    const [n] = await tx`select count(*)::int n from ember_exec.runs where function_slug = ${config.id} and rate_key = ${rateKey}
      and created_at > now() - ${`${durationMs(config.rateLimit.period)} milliseconds`}::interval`;
    if (n!.n >= config.rateLimit.limit) return ctx.log(`rate limit: ${config.id} skipped ${event.name}`);
  }
  if (config.idempotency) {
    const key = celKey(config.idempotency, { event });
    if (key !== undefined) {
      const claimed = await tx`
        insert into ember_exec.keys (function_slug, kind, key, expires_at) values (${config.id}, 'idempotency', ${key}, now() + interval '24 hours')
        on conflict (function_slug, kind, key) do update set first_at = now(), expires_at = excluded.expires_at
          where ember_exec.keys.expires_at < now()
        returning 1`;
      if (!claimed.length) return ctx.log(`idempotency: ${config.id} already ran for key ${key}`);
    }
  }
  if (config.debounce) {
    const key = celKey(config.debounce.key, { event }) ?? '';
    const period = durationMs(config.debounce.period);
    const cap = config.debounce.timeout ? durationMs(config.debounce.timeout) : null;
    // Keep the latest event; fire `period` after the last one, but never later than `timeout` after the first.
    const [row] = await tx`
      insert into ember_exec.keys (function_slug, kind, key, event, expires_at)
      values (${config.id}, 'debounce', ${key}, ${json(event)}::text::jsonb, now() + ${`${period} milliseconds`}::interval)
      on conflict (function_slug, kind, key) do update set event = excluded.event, expires_at = excluded.expires_at
      returning first_at as "firstAt"`;
    const due = Math.min(ctx.now() + period, cap !== null ? new Date(row!.firstAt as string).getTime() + cap : Infinity);
    await enqueue(tx, { runId: `debounce:${config.id}`, kind: 'debounce', stepId: key, runAt: new Date(due), payload: { slug: config.id, key, eventInternalId: internalId } }, 'replace');
    fx.wake = true;
    return;
  }
  const emit: Emit = (t, f, events) => ingestEvents(ctx, t, f, events);
  if (config.batchEvents && celMatches(config.batchEvents.if, { event })) return addToBatch(ctx, tx, fx, config, event, { rateKey }, emit);
  await admitRun(ctx, tx, fx, config, [event], { eventInternalId: internalId, rateKey }, emit);
}

/** A debounce window closed: start one run with the last event it kept. */
export async function fireDebounce(ctx: ExecContext, tx: Tx, fx: Effects, slug: string, key: string, eventInternalId?: number): Promise<void> {
  const [row] = await tx`delete from ember_exec.keys where function_slug = ${slug} and kind = 'debounce' and key = ${key} returning event`;
  const config = ctx.registry.get(slug);
  if (!row || !config) return;
  await admitRun(ctx, tx, fx, config, [row.event as InngestEvent], { eventInternalId: eventInternalId ?? null }, (t, f, events) => ingestEvents(ctx, t, f, events));
}
