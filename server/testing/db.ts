/** Per-test-file databases cloned from the prepared templates; dropped when the file's tests end. */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Database } from '../db/client.ts';
import { withDatabase, type DbTarget } from './targets.ts';

export function dbTargets(): DbTarget[] {
  return inject('dbTargets');
}

export interface TestDatabase {
  url: string;
  database: Database;
}

export async function cloneDatabase(target: DbTarget, opts: { seeded?: boolean } = {}) {
  const name = `ember_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(target.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${opts.seeded ? target.seededTemplate : target.template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(target.adminUrl, name);
  return {
    name,
    url,
    async drop() {
      const a = postgres(target.adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Registers beforeAll/afterAll hooks in the current describe block; read `.current` inside tests. */
export function useTestDatabase(target: DbTarget, opts: { seeded?: boolean } = {}) {
  const handle = {} as { current: TestDatabase };
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const clone = await cloneDatabase(target, opts);
    drop = clone.drop;
    handle.current = { url: clone.url, database: connect(clone.url, { max: 8 }) };
  });
  afterAll(async () => {
    await handle.current?.database.close();
    await drop?.();
  });
  return handle;
}
