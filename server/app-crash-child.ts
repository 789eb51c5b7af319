// Child process for the app crash suite: node --import tsx server/app-crash-child.ts <dataDir>
// Boots the whole app (embedded Postgres, migrations, first-run seed, HTTP), signs in over HTTP and creates
// workflows named `crash-<n>` one after another, printing `C <n>` only after the server acknowledged each.
import { bootApp } from './boot.ts';
import { parseEnv } from './env.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: app-crash-child.ts <dataDir>');

const app = await bootApp(parseEnv({ PORT: '0', HOST: '127.0.0.1', EMBER_DATA_DIR: dataDir, EMBER_STATIC_DIR: '/nonexistent' }), (l) => process.stderr.write(`${l}\n`));
const signIn = await fetch(`${app.url}/trpc/auth.signIn`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'rachel@copperkettle.example', password: 'ember-demo' }),
});
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
const start = Number(process.argv[3] ?? 0);
process.stdout.write(`READY\n`);
for (let n = start + 1; ; n++) {
  const res = await fetch(`${app.url}/trpc/workflows.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ companySlug: 'copper-kettle', name: `crash-${n}` }),
  });
  if (!res.ok) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  process.stdout.write(`C ${n}\n`);
}
