/**
 * The house rules, checked by dependency-cruiser in the test command (`npm run lint:deps`). Imports point one way:
 * client → shared, server → shared, drizzle holds schema and migrations only, and no production file imports test
 * code. Tests, test helpers, benches and e2e are not production code and are not checked as importers.
 * ARCHITECTURE.md explains the rooms.
 */
const NOT_PRODUCTION = '(\\.test\\.tsx?$|(^|/)testing/|^(e2e|bench|scripts)/|(^|/)fixtures?\\.tsx?$|\\.typetest\\.ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-only-shared',
      comment: 'shared/ is pure TS + zod used by client and server: it imports nothing of theirs.',
      severity: 'error',
      from: { path: '^shared/', pathNot: NOT_PRODUCTION },
      to: { path: '^(server|client|drizzle|e2e|bench|scripts)/' },
    },
    {
      name: 'client-imports-only-the-router-type',
      comment: 'The client may take only the AppRouter type from the server; every other contract lives in shared/.',
      severity: 'error',
      from: { path: '^client/', pathNot: NOT_PRODUCTION },
      to: { path: '^(server|drizzle)/', pathNot: '^server/trpc/app-router\\.ts$' },
    },
    {
      name: 'client-router-import-is-type-only',
      comment: 'AppRouter is a type: importing its module at run time would bundle the server.',
      severity: 'error',
      from: { path: '^client/', pathNot: NOT_PRODUCTION },
      to: { path: '^server/trpc/app-router\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-do-not-import-trpc',
      comment: 'Services are called by procedures, functions and the seed alike; they know nothing of tRPC.',
      severity: 'error',
      from: { path: '^server/services/', pathNot: NOT_PRODUCTION },
      to: { path: '^server/trpc/' },
    },
    {
      name: 'drizzle-holds-schema-and-migrations',
      comment: 'drizzle/ is the schema and its migrations; the seed and everything else that runs lives in server/.',
      severity: 'error',
      from: { path: '^drizzle/', pathNot: NOT_PRODUCTION },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'dag-walk-does-not-import-executor',
      comment: 'The DAG walk runs on any Inngest engine; the embedded executor is one of them.',
      severity: 'error',
      from: { path: '^server/(engine|workflow)/', pathNot: NOT_PRODUCTION },
      to: { path: '^server/executor/' },
    },
    {
      name: 'dag-walk-does-not-import-functions',
      comment: 'The functions host the DAG walk (workflow-executor), not the other way round: invoke contracts live in services.',
      severity: 'error',
      from: { path: '^server/workflow/', pathNot: NOT_PRODUCTION },
      to: { path: '^server/inngest/functions/' },
    },
    {
      name: 'production-does-not-import-test-code',
      comment: 'Test helpers may fake or shortcut anything; production code never reaches them.',
      severity: 'error',
      from: { pathNot: NOT_PRODUCTION },
      to: { path: NOT_PRODUCTION },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle among the client\'s modules: each one can be read, tested and moved from the bottom up.',
      severity: 'error',
      from: { path: '^client/', pathNot: NOT_PRODUCTION },
      to: { path: '^client/', circular: true },
    },
    {
      name: 'no-circular-client-rooms',
      comment:
        'No cycle between the client\'s rooms (the folders directly under client/) either, even one made of modules that ' +
        'do not import each other: a room depends on the rooms below it, never on one that depends on it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^client/[^/]+', pathNot: NOT_PRODUCTION },
      to: { path: '^client/[^/]+', circular: true },
    },
    {
      name: 'editor-is-above-its-parts',
      comment: 'editor/ composes the workflow editor page from canvas, panels, versions and the run view; none of them knows it.',
      severity: 'error',
      from: { path: '^client/(canvas|panels|versions|run-view)/', pathNot: NOT_PRODUCTION },
      to: { path: '^client/editor/' },
    },
    {
      name: 'canvas-is-below-panels-and-versions',
      comment: 'The side panels and the version views are built on the canvas (its store, nodes and commands), not the other way.',
      severity: 'error',
      from: { path: '^client/canvas/', pathNot: NOT_PRODUCTION },
      to: { path: '^client/(panels|versions)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.data|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
