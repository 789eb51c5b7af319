// Real PostgreSQL, real processes: start, restart, concurrent use, orphan cleanup, clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.ts';
import { isAlive, processesUsing, readPostmasterPid, waitFor } from './embedded-postgres-stale.ts';
import { connect } from './client.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Not os.tmpdir(): the password file lives in the data dir. Under the repo, which the service user must traverse anyway.
const root = path.join(repoRoot, '.data', 'test-tmp', `epg-${randomBytes(4).toString('hex')}`);
const freshDir = (name: string) => path.join(root, name);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function query<T extends Record<string, unknown>>(pg: EmbeddedPostgresHandle, text: string): Promise<T[]> {
  const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    return [...(await sql.unsafe<T[]>(text))];
  } finally {
    await sql.end();
  }
}

/** Starts crash-child.ts and resolves with its child process and the words after READY. */
function startChild(dataDir: string, mode: string): Promise<{ child: ChildProcess; ready: string[]; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/db/crash-child.ts'), dataDir, mode], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('READY'));
      if (line) resolve({ child, ready: line.split(' ').slice(1), exited });
    });
    void exited.then(() => reject(new Error(`child exited before READY:\n${stderr.slice(-2000)}`)));
  });
}

async function expectNoProcesses(dir: string): Promise<void> {
  await waitFor(() => processesUsing(dir).length === 0, 5_000, 50);
  expect(processesUsing(dir)).toEqual([]);
}

describe('startEmbeddedPostgres', () => {
  it('initializes on first start, then reuses password, port and data', async () => {
    const dir = freshDir('restart');
    const first = await startEmbeddedPostgres({ dataDir: dir });
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    expect(first.port).not.toBe(5432);
    const [enc] = await query<{ enc: string }>(first, `select current_setting('server_encoding') as enc`);
    expect(enc!.enc).toBe('UTF8');
    await query(first, `create table kept (v text); insert into kept values ('hello')`);
    expect(fs.statSync(path.join(dir, 'pg-password')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('pg.init-'))).toEqual([]);
    await first.stop();
    await first.stop(); // idempotent
    expect(fs.existsSync(path.join(dir, 'ember.lock'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir });
    expect(second.url).toBe(first.url);
    expect(await query(second, 'select v from kept')).toEqual([{ v: 'hello' }]);
    await second.stop();
    await expectNoProcesses(dir);
  });

  it('stop() leaves no postgres process and no unexpected-exit report', async () => {
    const dir = freshDir('stop');
    const pg = await startEmbeddedPostgres({ dataDir: dir });
    const reports: Error[] = [];
    pg.onUnexpectedExit((e) => reports.push(e));
    expect(processesUsing(dir).length).toBeGreaterThan(0);
    await pg.stop();
    // No waiting: stop() resolves only once every process of the cluster is gone.
    expect(processesUsing(dir)).toEqual([]);
    expect(reports).toEqual([]);
  });

  it('reports an unexpected exit with the tail of its log', async () => {
    const dir = freshDir('unexpected');
    const pg = await startEmbeddedPostgres({ dataDir: dir });
    const reported = new Promise<Error>((r) => pg.onUnexpectedExit(r));
    const pmPid = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pmPid, 'SIGQUIT'); // immediate shutdown: postgres logs and exits on its own
    const err = await reported;
    // The exit status varies with timing (0, or a signal under load); the log tail must explain it either way.
    expect(err.message).toMatch(/exited unexpectedly \((exit code \d+|signal \w+)\):\n[\s\S]*immediate shutdown request/);
    await pg.stop();
    await expectNoProcesses(dir);
  });

  it('with restart, a SIGKILLed postmaster comes back on the same data dir and port, and a pool reconnects by itself', async () => {
    const dir = freshDir('restart-after-kill');
    const lines: string[] = [];
    const pg = await startEmbeddedPostgres({ dataDir: dir, log: (l) => lines.push(l), restart: true });
    const crashes: Error[] = [];
    pg.onUnexpectedExit((e) => crashes.push(e));
    const { sql } = connect(pg.url, { max: 2 });
    try {
      await sql`create table kept (n int)`;
      await sql`insert into kept values (0)`;
      const clusterDir = path.join(dir, 'pg');
      for (let kill = 1; kill <= 2; kill++) {
        const pid = readPostmasterPid(clusterDir)!;
        process.kill(pid, 'SIGKILL');
        expect(await waitFor(() => pg.downReason() !== null, 10_000)).toBe(true);
        expect(pg.downReason()).toMatch(/^database restarting \(attempt \d+\)$/);
        expect(await waitFor(() => pg.downReason() === null, 30_000), `still down: ${lines.slice(-5).join('\n')}`).toBe(true);
        expect(readPostmasterPid(clusterDir)).not.toBe(pid);
        // The pool was not told anything: its next queries reconnect to the same URL.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const ok = await sql`insert into kept values (${kill})`.then(() => true, (e: unknown) => {
            if (Date.now() > deadline) throw e;
            return false;
          });
          if (ok) break;
        }
      }
      expect((await sql<{ n: number }[]>`select n from kept order by n`).map((r) => r.n)).toEqual([0, 1, 2]);
      expect(crashes.map((e) => e.message.split('\n')[0])).toEqual(Array(2).fill('embedded postgres exited unexpectedly (signal SIGKILL):'));
      expect(lines).toContain('restarting postgres in 100 ms (attempt 1)');
      // The second crash came soon after the first restart: the backoff went on rather than starting over.
      expect(lines).toContain('restarting postgres in 200 ms (attempt 1)');
    } finally {
      await sql.end({ timeout: 1 });
      await pg.stop();
    }
    await expectNoProcesses(dir);
  });

  it('refuses a second start on a data dir that another live process holds', async () => {
    const dir = freshDir('concurrent');
    const holder = await startChild(dir, 'hold');
    try {
      const err = await startEmbeddedPostgres({ dataDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EmbeddedPostgresError);
      expect((err as EmbeddedPostgresError).code).toBe('ALREADY_RUNNING');
      expect((err as Error).message).toContain(`pid ${holder.child.pid}`);
      // The holder's postgres must have survived the attempt.
      expect(processesUsing(path.join(dir, 'pg')).length).toBeGreaterThan(0);
    } finally {
      holder.child.kill('SIGTERM');
      await holder.exited;
    }
    await expectNoProcesses(dir);
  });

  it('refuses a second start from the same process', async () => {
    const dir = freshDir('same-process');
    const pg = await startEmbeddedPostgres({ dataDir: dir });
    try {
      await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toMatchObject({ code: 'ALREADY_RUNNING' });
      expect(await query(pg, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await pg.stop();
    }
  });

  it('stops an orphan postgres left by a SIGKILLed Node process, then starts and keeps its data', async () => {
    const dir = freshDir('orphan');
    await (await startEmbeddedPostgres({ dataDir: dir })).stop();
    const orphanMaker = await startChild(dir, 'orphan');
    const orphanPid = Number(orphanMaker.ready[0]);
    orphanMaker.child.kill('SIGKILL');
    await orphanMaker.exited;
    expect(isAlive(orphanPid)).toBe(true); // a real orphan: nothing stopped it

    const pg = await startEmbeddedPostgres({ dataDir: dir });
    expect(isAlive(orphanPid)).toBe(false);
    expect(await query(pg, 'select payload from events where n = -1')).toEqual([{ payload: 'written via the orphan' }]);
    await pg.stop();
    await expectNoProcesses(dir);
  });

  it('fails with START_FAILED and the FATAL lines when postgres cannot start, and releases the data dir', async () => {
    const dir = freshDir('start-failed');
    await (await startEmbeddedPostgres({ dataDir: dir })).stop();
    const conf = path.join(dir, 'pg', 'postgresql.auto.conf');
    const good = fs.readFileSync(conf, 'utf8');
    fs.appendFileSync(conf, `shared_buffers = 'not a size'\n`);
    const err = await startEmbeddedPostgres({ dataDir: dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'START_FAILED' });
    expect((err as Error).message).toMatch(/FATAL: .*configuration file/);
    await expectNoProcesses(dir);
    fs.writeFileSync(conf, good);
    await (await startEmbeddedPostgres({ dataDir: dir })).stop();
  });

  it.runIf(process.getuid?.() === 0)('as root, names a directory the service user cannot traverse', async () => {
    const locked = freshDir('locked');
    fs.mkdirSync(locked, { recursive: true, mode: 0o700 });
    fs.chmodSync(locked, 0o700);
    const err = await startEmbeddedPostgres({ dataDir: path.join(locked, 'data'), grantTraversal: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PERMISSION' });
    expect((err as Error).message).toContain(`chmod o+x ${fs.realpathSync(locked)}`);
  });

  it.runIf(process.getuid?.() === 0)('as root, grants traversal of a 0700 parent by default and starts', async () => {
    const locked = freshDir('locked-fixed');
    fs.mkdirSync(locked, { recursive: true, mode: 0o700 });
    fs.chmodSync(locked, 0o700);
    const lines: string[] = [];
    const pg = await startEmbeddedPostgres({ dataDir: path.join(locked, 'data'), log: (l) => lines.push(l) });
    await pg.stop();
    expect(fs.statSync(locked).mode & 0o777).toBe(0o701);
    expect(lines.some((l) => l.includes(`chmod o+x`) && l.includes(fs.realpathSync(locked)))).toBe(true);
  });

  it('removes a postmaster.pid naming an unrelated live process, and abandoned init dirs', async () => {
    const dir = freshDir('stale-pid');
    await (await startEmbeddedPostgres({ dataDir: dir })).stop();
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    fs.writeFileSync(pidFile, `${process.pid}\n${path.join(dir, 'pg')}\n`);
    fs.mkdirSync(path.join(dir, 'pg.init-deadbeef'));
    fs.writeFileSync(path.join(dir, 'ember.lock'), '999999999 0\n'); // stale lock of a long-gone process
    const pg = await startEmbeddedPostgres({ dataDir: dir });
    expect(await query(pg, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(fs.existsSync(path.join(dir, 'pg.init-deadbeef'))).toBe(false);
    await pg.stop();
  });
});
