/**
 * The first-run seed, safe against a kill part-way: "first run" is an empty database (no user), or a seed that began
 * and never said it finished. A marker file in the data directory is written (and flushed) before the seed starts
 * and removed once it has finished, so a process killed in between seeds again on its next start; seedDemo is
 * idempotent, so whatever the first attempt committed is kept and the rest is added.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import { isDatabaseEmpty } from '../../db/is-empty.ts';
import type { AssetStore } from '../../services/assets/store.ts';
import { formatCredentials, seedDemo } from './seed.ts';

const MARKER = 'demo-seed-unfinished';

export async function seedOnFirstRun(db: Db, dataDir: string, opts: { assets?: AssetStore; log: (line: string) => void }): Promise<boolean> {
  const marker = path.join(dataDir, MARKER);
  const resumed = fs.existsSync(marker);
  if (!resumed && !(await isDatabaseEmpty(db))) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  const fd = fs.openSync(marker, 'w');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  if (resumed) opts.log('The demo seed was interrupted last time; finishing it.');
  const seeded = await seedDemo(db, opts.assets ? { assets: opts.assets } : {});
  fs.rmSync(marker, { force: true });
  opts.log(`Seeded the demo data.\n${formatCredentials(seeded)}`);
  return true;
}
