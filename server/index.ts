/** `npm start`: one process serving the SPA, /trpc and /healthz on an embedded or configured Postgres. */
import { bootApp } from './boot.ts';
import { EnvError, parseEnv } from './env.ts';

// A promise nobody awaited that rejects (typically a query cut off by a database outage, which the pools and the
// executor recover from) is logged, not fatal: the app keeps serving and its state stays in Postgres.
process.on('unhandledRejection', (reason) => {
  console.error('[unhandled rejection]', reason instanceof Error ? (reason.stack ?? reason.message) : reason);
});

async function main() {
  const env = parseEnv();
  const app = await bootApp(env);
  console.log(`Ember Workflows is running on ${app.url}`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(130); // a second Ctrl-C means "now"
    console.log(`${signal}: finishing in-flight requests, then stopping the database…`);
    app.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof EnvError ? err.message : err instanceof Error ? `Could not start: ${err.message}` : err);
  process.exit(1);
});
