/**
 * The first-run seed survives a kill part-way: a seed that began (its marker written, its users committed, nothing
 * else) is finished on the next start, and a database seeded or used without a marker is left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { seedOnFirstRun } from './first-run.ts';

// One target: the seed is the same SQL on both, and a whole demo seed is the slow part of this file.
const [target] = dbTargets();

describe(`the first-run seed on ${target!.name} postgres`, () => {
  const t = useTestDatabase(target!);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ember-first-run-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const companies = async () => (await t.current.database.db.execute<{ slug: string }>(sql`select slug from companies order by slug`)).map((r) => r.slug);

  it('finishes a seed that was killed after its users, and then leaves the database alone', async () => {
    const { db } = t.current.database;
    // What a seed killed early leaves behind: its marker, and the users it commits first.
    fs.writeFileSync(path.join(dataDir, 'demo-seed-unfinished'), '');
    await db.execute(sql`insert into users (email, name, password_hash) values ('rachel@copperkettle.example', 'Rachel', 'x')`);
    const lines: string[] = [];
    expect(await seedOnFirstRun(db, dataDir, { log: (l) => lines.push(l) })).toBe(true);
    expect(lines[0]).toMatch(/interrupted/);
    expect(await companies()).toEqual(['bluewater', 'copper-kettle']);
    expect(fs.existsSync(path.join(dataDir, 'demo-seed-unfinished'))).toBe(false);

    // Seeded, no marker: a later start seeds nothing.
    expect(await seedOnFirstRun(db, dataDir, { log: () => {} })).toBe(false);
  }, 60_000);
});
