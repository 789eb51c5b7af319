// The restart logic of the embedded Postgres supervisor, with fake postmasters and a fake clock: backoff, unbounded
// attempts, the reason /healthz shows, the reset after a stable period, and stop() at every stage.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, PostgresSupervisor, restartDelayMs, type PostmasterInstance } from './embedded-postgres-restart.ts';

class FakePostmaster implements PostmasterInstance {
  stopped = false;
  private crashCb: ((err: Error) => void) | null = null;
  constructor(readonly name: string) {}
  onCrash(cb: (err: Error) => void) {
    this.crashCb = cb;
  }
  async stop() {
    this.stopped = true;
  }
  crash(message = `${this.name} died\nFATAL: something`) {
    this.crashCb?.(new Error(message));
  }
}

function harness(opts: { failures?: number; relaunch?: () => Promise<FakePostmaster> } = {}) {
  let clock = 0;
  let failuresLeft = opts.failures ?? 0;
  let launched = 0;
  const delays: number[] = [];
  const reasons: (string | null)[] = [];
  const log: string[] = [];
  const first = new FakePostmaster('pm0');
  const instances: FakePostmaster[] = [first];
  const relaunch = opts.relaunch ?? (async () => {
    reasons.push(sup.downReason);
    if (failuresLeft-- > 0) throw new Error('could not start');
    const pm = new FakePostmaster(`pm${++launched}`);
    instances.push(pm);
    return pm;
  });
  const sup: PostgresSupervisor<FakePostmaster> = new PostgresSupervisor(first, {
    policy: DEFAULT_RESTART_POLICY,
    log: (l) => log.push(l),
    now: () => clock,
    sleep: async (ms) => {
      delays.push(ms);
      clock += ms;
    },
    relaunch,
  });
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r));
    expect(cond()).toBe(true);
  };
  return { sup, first, instances, delays, reasons, log, until, advance: (ms: number) => (clock += ms), current: () => instances.at(-1)! };
}

describe('restartDelayMs', () => {
  it('doubles from 100 ms and stays at 5 s', () => {
    expect(Array.from({ length: 9 }, (_, i) => restartDelayMs(DEFAULT_RESTART_POLICY, i))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });
});

describe('PostgresSupervisor', () => {
  it('is up until the postmaster crashes, then restarts it after 100 ms and is up again', async () => {
    const h = harness();
    const crashes: string[] = [];
    h.sup.onCrash((e) => crashes.push(e.message));
    expect(h.sup.downReason).toBeNull();
    h.first.crash();
    expect(crashes).toEqual(['pm0 died\nFATAL: something']);
    expect(h.sup.downReason).toBe('database restarting (attempt 1)');
    await h.until(() => h.instances.length === 2);
    await h.until(() => h.sup.downReason === null);
    expect(h.delays).toEqual([100]);
    expect(h.log.at(-1)).toMatch(/postgres is back after 1 attempt \(100 ms down\)/);
  });

  it('keeps trying with exponential backoff, without a limit, and says which attempt it is on', async () => {
    const h = harness({ failures: 9 });
    h.first.crash();
    await h.until(() => h.sup.downReason === null);
    expect(h.delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000]);
    expect(h.reasons).toEqual(Array.from({ length: 10 }, (_, i) => `database restarting (attempt ${i + 1})`));
    expect(h.log.filter((l) => l.startsWith('restart attempt')).length).toBe(9);
    expect(h.log.at(-1)).toMatch(/after 10 attempts/);
  });

  it('a postmaster that dies soon after a restart continues the backoff; one that stayed up 30 s starts over', async () => {
    const h = harness();
    h.first.crash();
    await h.until(() => h.instances.length === 2 && h.sup.downReason === null);
    h.advance(1_000);
    h.current().crash();
    await h.until(() => h.instances.length === 3 && h.sup.downReason === null);
    expect(h.delays).toEqual([100, 200]);
    h.advance(30_000);
    h.current().crash();
    await h.until(() => h.instances.length === 4 && h.sup.downReason === null);
    expect(h.delays).toEqual([100, 200, 100]);
  });

  it('stop() during the backoff stops restarting and waits for the dead postmaster', async () => {
    let wake: (() => void) | null = null;
    const first = new FakePostmaster('pm0');
    let relaunches = 0;
    const sup = new PostgresSupervisor(first, {
      policy: DEFAULT_RESTART_POLICY,
      log: () => {},
      sleep: (_ms, signal) => new Promise<void>((r) => {
        wake = r;
        signal.addEventListener('abort', () => r());
      }),
      relaunch: async () => {
        relaunches++;
        return new FakePostmaster('pm1');
      },
    });
    first.crash();
    expect(wake).not.toBeNull();
    await sup.stop();
    expect(relaunches).toBe(0);
    expect(first.stopped).toBe(true);
  });

  it('stop() while a relaunch is starting stops the new postmaster instead of adopting it', async () => {
    let finishLaunch: (() => void) | null = null;
    const late = new FakePostmaster('pm1');
    const h = harness({ relaunch: () => new Promise((r) => (finishLaunch = () => r(late))) });
    h.first.crash();
    await h.until(() => finishLaunch !== null);
    const stopped = h.sup.stop();
    finishLaunch!();
    await stopped;
    expect(late.stopped).toBe(true);
    expect(h.first.stopped).toBe(true);
  });

  it('without a policy it reports the crash and stays down; a late listener still hears of it', async () => {
    const first = new FakePostmaster('pm0');
    const sup = new PostgresSupervisor(first, { policy: null, log: () => {}, relaunch: () => Promise.reject(new Error('never')) });
    first.crash('gone\nPANIC: disk full');
    expect(sup.downReason).toBe('database exited unexpectedly: gone');
    const heard = await new Promise<Error>((r) => sup.onCrash(r));
    expect(heard.message).toContain('PANIC: disk full');
    await sup.stop();
  });
});
