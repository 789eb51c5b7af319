/** `npm run db:seed`: migrate and seed the database DATABASE_URL points at, or the embedded one under EMBER_DATA_DIR. */
import path from 'node:path';
import { formatCredentials, seedDemo } from '../server/demo/seed/seed.ts';
import { connect } from '../server/db/client.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { runMigrations } from '../server/db/migrate.ts';
import { parseEnv } from '../server/env.ts';

const env = parseEnv();
const pg = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.resolve(env.EMBER_DATA_DIR) });
const url = env.DATABASE_URL ?? pg!.url;
try {
  await runMigrations(url);
  const database = connect(url, { max: 2 });
  const result = await seedDemo(database.db);
  await database.close();
  console.log(result.created ? 'Seeded the demo data.' : 'The demo data was already there; nothing duplicated.');
  console.log(formatCredentials(result));
} finally {
  await pg?.stop();
}
