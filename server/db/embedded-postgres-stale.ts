// Process and file helpers for the embedded Postgres supervisor: /proc inspection, the app lock, stale
// postmaster handling and atomic file writes. Linux only, like the binaries we ship.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(cond: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (cond()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** State letter and start time (clock ticks since boot) from /proc/<pid>/stat; null when the pid is gone. */
function procStat(pid: number): { state: string; startTime: string } | null {
  const stat = readProc(pid, 'stat');
  if (!stat) return null;
  // comm (field 2) may contain spaces and parentheses, so split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: rest[0] ?? '?', startTime: rest[19] ?? '' };
}

/** Alive and not a zombie: an unreaped orphan postmaster must count as dead. */
export function isAlive(pid: number): boolean {
  const st = procStat(pid);
  return st !== null && st.state !== 'Z' && st.state !== 'X';
}

function cwdOf(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function livePids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => pid !== process.pid && isAlive(pid));
}

/**
 * Live processes working inside `dir`: postgres processes chdir into their data dir, and initdb, setpriv and
 * the postmaster carry it on their command line. Used to find orphans and lingering backends, and by tests.
 */
export function processesUsing(dir: string): number[] {
  const real = realpathOrSelf(dir);
  const inside = (p: string) => p === real || p.startsWith(real + '/');
  return livePids().filter((pid) => {
    const cwd = cwdOf(pid);
    if (cwd && inside(cwd)) return true;
    const args = (readProc(pid, 'cmdline') ?? '').split('\0');
    return args.some((a) => a === dir || a === real || a.startsWith(real + '/') || a.includes(`=${real}`));
  });
}

/** True when `pid` is a live postgres whose data directory is `clusterDir` (not an unrelated reused pid). */
export function isPostgresOf(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid) || readProc(pid, 'comm')?.trim() !== 'postgres') return false;
  const real = realpathOrSelf(clusterDir);
  if (cwdOf(pid) === real) return true;
  const args = (readProc(pid, 'cmdline') ?? '').split('\0');
  const d = args.indexOf('-D');
  return d >= 0 && args[d + 1] !== undefined && realpathOrSelf(args[d + 1]!) === real;
}

export function readPostmasterPid(clusterDir: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** SIGINT (fast shutdown), then SIGQUIT, then SIGKILL, each with a bounded wait for `gone`. */
export async function escalate(pid: number, gone: () => boolean, fastMs = 10_000, log: (m: string) => void = () => {}): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [['SIGINT', fastMs], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]];
  for (const [sig, ms] of steps) {
    if (gone()) return;
    if (sig !== 'SIGINT') log(`postgres ${pid} did not stop in time, sending ${sig}`);
    try {
      process.kill(pid, sig);
    } catch {
      return; // ESRCH: already gone
    }
    if (await waitFor(gone, ms)) return;
  }
}

/**
 * Makes the cluster directory startable after any crash of an earlier run (the app lock already proved that
 * no live Ember process owns it): an orphan postmaster gets a fast shutdown, backends that outlived a killed
 * postmaster are waited for (postgres refuses to start while they hold the old shared memory), and a
 * postmaster.pid naming a dead, zombie or unrelated process is removed.
 */
export async function clearStaleCluster(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pid = readPostmasterPid(clusterDir);
  if (pid !== null && isPostgresOf(pid, clusterDir)) {
    log(`stopping orphaned postgres ${pid} left by an earlier run`);
    await escalate(pid, () => !isAlive(pid), 10_000, log);
  }
  const lingering = () => processesUsing(clusterDir).filter((p) => readProc(p, 'comm')?.trim() === 'postgres');
  if (!(await waitFor(() => lingering().length === 0, 10_000, 25))) {
    log(`killing lingering postgres backends ${lingering().join(', ')}`);
    for (const p of lingering()) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await waitFor(() => lingering().length === 0, 5_000, 25);
  }
  const left = readPostmasterPid(clusterDir);
  if (left !== null && !isPostgresOf(left, clusterDir)) fs.rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
}

/** Removes half-built clusters from initdb runs that were killed; anything still working in them is killed first. */
export async function removeAbandonedInits(dataDir: string, prefix: string): Promise<void> {
  for (const name of fs.readdirSync(dataDir)) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(dataDir, name);
    const busy = () => processesUsing(dir);
    for (const p of busy()) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await waitFor(() => busy().length === 0, 5_000, 25);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Write to a temp sibling, fsync, rename: readers see the old or the new content, never a torn file. */
export function writeFileAtomic(file: string, data: string, mode: number): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

// The app lock records pid and start time: a pid alone may have been reused by an unrelated process.
interface LockOwner {
  pid: number;
  startTime: string;
}

function readLock(lockFile: string): LockOwner | null {
  try {
    const [pid, startTime] = fs.readFileSync(lockFile, 'utf8').trim().split(/\s+/);
    return { pid: Number(pid), startTime: startTime ?? '' };
  } catch {
    return null;
  }
}

function ownerAlive(o: LockOwner): boolean {
  const st = procStat(o.pid);
  return st !== null && st.state !== 'Z' && st.state !== 'X' && (o.startTime === '' || st.startTime === o.startTime);
}

/**
 * Takes `lockFile` for this process. Returns null on success, or the pid of another live process holding it.
 * Creation is exclusive (link() fails if the file exists), and the content is complete before it appears.
 */
export function tryAcquireLock(lockFile: string): number | null {
  const tmp = `${lockFile}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, `${process.pid} ${procStat(process.pid)?.startTime ?? ''}\n`, { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(tmp, lockFile);
        fsyncDir(path.dirname(lockFile));
        return null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readLock(lockFile);
      if (owner && owner.pid !== process.pid && ownerAlive(owner)) return owner.pid;
      // Stale (owner dead) or left by an earlier handle of this process: replace it.
      fs.rmSync(lockFile, { force: true });
    }
    throw new Error(`could not take ${lockFile}: it keeps reappearing`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export function releaseLock(lockFile: string): void {
  if (readLock(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
}
