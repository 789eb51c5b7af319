// Host-facing helpers for the embedded Postgres supervisor: the service user root runs postgres as, path
// permissions for that user, and the persisted TCP port.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { writeFileAtomic } from './embedded-postgres-stale.ts';

export interface ServiceUser { user: string; uid: number; gid: number }

function lookupUser(name: string): ServiceUser | null {
  const f = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`))?.split(':');
  return f ? { user: name, uid: Number(f[2]), gid: Number(f[3]) } : null;
}

/** postgres refuses to run as root, so root runs it as a system user: `postgres` if present, else `ember-pg`. */
export function serviceUser(): ServiceUser {
  const existing = lookupUser('postgres') ?? lookupUser('ember-pg');
  if (existing) return existing;
  const r = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'ember-pg'], { encoding: 'utf8' });
  // Re-read rather than trust the exit code: exit 9 means another process created it meanwhile, which is fine.
  const created = lookupUser('ember-pg');
  if (!created) throw new Error(`could not create the 'ember-pg' system user: ${r.stderr.trim() || r.error?.message}`);
  return created;
}

/**
 * The first of `targets` or their ancestor directories that `who` cannot traverse/execute, or null. Asked of
 * the kernel as that user (ACLs included): a 0700 directory on the way, e.g. /root, would otherwise surface as a
 * bare `spawn EACCES`.
 */
export function firstInaccessible(who: ServiceUser, targets: string[]): string | null {
  const paths = new Set<string>();
  for (const t of targets) for (let d = t; ; d = path.dirname(d)) { paths.add(d); if (d === path.dirname(d)) break; }
  // Sorted, so parents come before their children and the message names the outermost culprit.
  const r = spawnSync('/bin/sh', ['-c', 'for p in "$@"; do [ -x "$p" ] || { printf %s "$p"; exit 1; }; done', 'sh', ...[...paths].sort()], {
    cwd: '/', uid: who.uid, gid: who.gid, encoding: 'utf8',
  });
  return r.status === 0 ? null : r.stdout || r.error?.message || 'an unknown path';
}

function probePort(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(null));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(bound));
    });
  });
}

/**
 * The port kept in `file`, or a new free one when it is unset, taken by another process or `forceNew`. It
 * persists so URLs stay stable across restarts; never 5432, where a system Postgres may listen.
 */
export async function resolvePort(file: string, forceNew: boolean, log: (m: string) => void): Promise<number> {
  let saved = 0;
  try { saved = Number(fs.readFileSync(file, 'utf8').trim()); } catch { /* first start */ }
  if (!forceNew && Number.isInteger(saved) && saved > 0 && saved !== 5432 && (await probePort(saved)) === saved) return saved;
  let port: number | null = null;
  while (port === null || port === 5432) port = await probePort(0);
  if (saved) log(`port ${saved} is taken by another process; moving to ${port}`);
  writeFileAtomic(file, `${port}\n`, 0o644);
  return port;
}
