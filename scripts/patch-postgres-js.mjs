#!/usr/bin/env node
/**
 * Patches postgres.js 3.4.9 (run by `npm install` as postinstall; idempotent) so that a connection dying under load
 * (a database restart, a dropped network) neither crashes the process nor poisons the pool:
 *
 * - a write buffered behind setImmediate could run after the socket closed and throw an uncaught TypeError
 *   ("Cannot read properties of null (reading 'write')", porsager/postgres#1208, #1154);
 * - closing cleared that timer without forgetting it or the buffered bytes, so the connection never wrote again:
 *   its every reconnect hung until CONNECT_TIMEOUT;
 * - the in-flight query (with the server's FATAL reason, when it sent one) was not settled when the close came as
 *   an error, and could be answered later with a reply meant for another query;
 * - a transaction kept sending statements (its ROLLBACK at least) to its connection after it closed: onto no
 *   socket (the crash above), or into the next session that connection opened for someone else;
 * - a connection that died while fetching the array types of a fresh session left an unhandled rejection (the
 *   query waiting for that session is retried on the next one, or was rejected, either way).
 *
 * Each fix is an exact replacement of the 3.4.9 text; another version is left alone with a warning, so an upgrade
 * is a conscious decision (server/db/postgres-js-patch.unit.test.ts fails until this is revisited).
 */
import fs from 'node:fs';
import path from 'node:path';

const MARKER = 'ember-patch';
const root = path.resolve(import.meta.dirname, '..', 'node_modules', 'postgres');

const CONNECTION = [
  [
    `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
    `  function nextWrite(fn) {
    if (!socket) { // ${MARKER}: the session closed while this write waited for its turn
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`,
  ],
  [
    `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    if (!socket) // ${MARKER}: no session to send it to
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))
`,
  ],
  [
    `      if (needsTypes) {
        initial.reserve && (initial = null)
        return fetchArrayTypes()
      }`,
    `      if (needsTypes) {
        initial.reserve && (initial = null)
        return fetchArrayTypes().catch(() => { /* ${MARKER}: the waiting query was settled or is retried */ })
      }`,
  ],
  [
    `  async function closed(hadError) {
    incoming = Buffer.alloc(0)
    remaining = 0
    incomings = null
    clearImmediate(nextWriteTimer)
`,
    `  async function closed(hadError) {
    incoming = Buffer.alloc(0)
    remaining = 0
    incomings = null
    clearImmediate(nextWriteTimer)
    // ${MARKER}: forget the dead session's unsent bytes, and settle what it still owed its queries
    chunk = nextWriteTimer = null
    const lost = errorResponse || Errors.connection('CONNECTION_CLOSED', options, socket)
    query && (queryError(query, lost), query = null)
    while (sent.length)
      queryError(sent.shift(), lost)
    results = errorResponse = null
    result = new Result()
`,
  ],
];

const INDEX = [
  [
    `    const queries = Queue()
    let savepoints = 0
      , connection
      , prepare = null
`,
    `    const queries = Queue()
    let savepoints = 0
      , connection
      , prepare = null
      , closedError = null // ${MARKER}: set once the transaction's connection closed
`,
  ],
  [
    `        new Promise((_, reject) => connection.onclose = reject)`,
    `        new Promise((_, reject) => connection.onclose = e => (closedError = e, reject(e)))`,
  ],
  [
    `      function handler(q) {
        q.catch(e => uncaughtError || (uncaughtError = e))
        c.queue === full`,
    `      function handler(q) {
        q.catch(e => uncaughtError || (uncaughtError = e))
        if (closedError) // ${MARKER}: never into the next session of that connection
          return q.reject(closedError)
        c.queue === full`,
  ],
];

/** Applies each replacement not applied yet; nothing is written unless every one is applied or applicable. */
function patchFile(file, replacements) {
  if (!fs.existsSync(file)) return 'missing';
  const before = fs.readFileSync(file, 'utf8');
  let text = before;
  for (const [from, to] of replacements) {
    if (text.includes(to)) continue;
    if (!text.includes(from)) return 'unknown';
    text = text.replace(from, to);
  }
  if (text === before) return 'already';
  fs.writeFileSync(file, text);
  return 'patched';
}

function main() {
  let version = null;
  try {
    version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  } catch {
    return; // not installed (yet): nothing to do
  }
  if (version !== '3.4.9') {
    console.warn(`patch-postgres-js: postgres ${version} is not the 3.4.9 this patch was written for; left alone (see scripts/patch-postgres-js.mjs)`);
    return;
  }
  const results = [];
  for (const dir of ['src', 'cjs/src']) {
    results.push(`${dir}/connection.js: ${patchFile(path.join(root, dir, 'connection.js'), CONNECTION)}`);
    results.push(`${dir}/index.js: ${patchFile(path.join(root, dir, 'index.js'), INDEX)}`);
  }
  if (results.some((r) => r.endsWith('unknown'))) {
    console.warn(`patch-postgres-js: unexpected postgres.js source, not patched:\n  ${results.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main();
