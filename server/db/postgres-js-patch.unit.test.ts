// postgres.js as installed must carry patches/postgres+3.4.9.patch (applied by patch-package on `npm install`): without it a database
// restart can crash the process (an uncaught TypeError from a buffered write) and leave pooled connections that
// never connect again. A postgres.js upgrade fails here until the patch is revisited for the new version.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const pkgDir = path.resolve(import.meta.dirname, '../../node_modules/postgres');

it('the installed postgres.js is 3.4.9 with the connection-loss patch applied (npm install runs it)', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  expect(version, 'postgres.js changed version: check whether it still needs patches/postgres+3.4.9.patch (upstream porsager/postgres#1208)').toBe('3.4.9');
  for (const [file, marks] of [['src/connection.js', 4], ['src/index.js', 2], ['cjs/src/connection.js', 4], ['cjs/src/index.js', 2]] as const) {
    const text = fs.readFileSync(path.join(pkgDir, file), 'utf8');
    expect(text.split('ember-patch').length - 1, `${file} is not patched: run \`npx patch-package\``).toBe(marks);
  }
});
