/** Bench targets: a throwaway embedded Postgres, and the machine's server (BENCH_DATABASE_URL or 127.0.0.1:5432). */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { runMigrations } from '../server/db/migrate.ts';
import { withDatabase } from '../server/testing/targets.ts';

export interface BenchDb {
  name: 'embedded' | 'server';
  url: string;
  dispose(): Promise<void>;
}

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ember_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  return {
    url,
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export async function embeddedTarget(): Promise<BenchDb> {
  const dir = path.resolve(import.meta.dirname, `../.data/bench-${randomBytes(3).toString('hex')}`);
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  const db = await freshDatabase(pg.url);
  return { name: 'embedded', url: db.url, dispose: async () => { await db.drop(); await pg.stop(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

export async function serverTarget(): Promise<BenchDb | null> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const probe = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
    await probe`select 1`;
    await probe.end();
  } catch {
    console.error(`no PostgreSQL server at ${adminUrl}; skipping the server target`);
    return null;
  }
  const db = await freshDatabase(adminUrl);
  return { name: 'server', url: db.url, dispose: db.drop };
}
