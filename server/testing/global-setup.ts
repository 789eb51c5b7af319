/**
 * Starts the embedded Postgres for the test run, and prepares a migrated template (and a seeded one) on every
 * target so each test file clones a fresh database in milliseconds instead of migrating its own.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../demo/seed/seed.ts';
import { connect } from '../db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../db/embedded-postgres.ts';
import { MIGRATIONS_DIR, runMigrations } from '../db/migrate.ts';
import { withDatabase, type DbTarget } from './targets.ts';

let embedded: EmbeddedPostgresHandle | null = null;

function schemaHash(): string {
  const h = createHash('sha1');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  }
  // The seed shapes the seeded template too.
  // So does the code it runs to derive rows (completeness, last night's audits).
  for (const dir of ['server/demo/seed', 'server/demo/retailer', 'shared/catalog', 'shared/tasks', 'server/services/catalog', 'server/services/audits', 'server/services/assets', 'server/services/monitoring']) {
    const abs = path.resolve(import.meta.dirname, '../..', dir);
    for (const f of fs.readdirSync(abs).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) h.update(f).update(fs.readFileSync(path.join(abs, f)));
  }
  return h.digest('hex').slice(0, 12);
}

async function prepareTarget(name: DbTarget['name'], adminUrl: string): Promise<DbTarget> {
  const hash = schemaHash();
  const template = `ember_tpl_${hash}`;
  const seededTemplate = `ember_tpls_${hash}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Serialise concurrent test runs preparing the same server.
    await admin`select pg_advisory_lock(7130412)`;
    const existing = new Set((await admin<{ datname: string }[]>`select datname from pg_database where datname like 'ember_tpl%'`).map((r) => r.datname));
    for (const stale of existing) {
      if (stale !== template && stale !== seededTemplate) await admin.unsafe(`drop database if exists "${stale}" with (force)`);
    }
    if (!existing.has(template)) {
      await admin.unsafe(`create database "${template}"`);
      await runMigrations(withDatabase(adminUrl, template));
    }
    if (!existing.has(seededTemplate)) {
      await admin.unsafe(`create database "${seededTemplate}" template "${template}"`);
      const db = connect(withDatabase(adminUrl, seededTemplate), { max: 2 });
      await seedDemo(db.db, { history: false });
      await db.close();
    }
    await admin`select pg_advisory_unlock(7130412)`;
  } finally {
    await admin.end();
  }
  return { name, adminUrl, template, seededTemplate };
}

export default async function setup(project: TestProject) {
  // A kept cluster makes repeated runs fast; when another test run holds it, use a private one for this run.
  let dataDir = path.resolve(import.meta.dirname, '../../.data/test-embedded');
  let privateDir = false;
  try {
    embedded = await startEmbeddedPostgres({ dataDir });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ALREADY_RUNNING') throw err;
    dataDir = `${dataDir}-${process.pid}`;
    privateDir = true;
    embedded = await startEmbeddedPostgres({ dataDir });
  }
  const targets = [await prepareTarget('embedded', embedded.url)];
  if (process.env.TEST_DATABASE_URL) targets.push(await prepareTarget('server', process.env.TEST_DATABASE_URL));
  project.provide('dbTargets', targets);
  return async () => {
    await embedded?.stop();
    if (privateDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
