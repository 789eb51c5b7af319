import { defineConfig } from 'vitest/config';

/**
 * Five projects, in groups run one after another (groupOrder): unit; db; crash beside slow (each one file at a
 * time); e2e.
 * - unit: pure modules (shared/, client logic), no I/O.
 * - db:   services, API and executor tests against real Postgres. globalSetup starts the embedded server and,
 *         when TEST_DATABASE_URL is set, prepares that one too; each test file runs against every target.
 * - e2e:  Playwright (playwright-core + Debian's chromium) against a real server process.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          sequence: { groupOrder: 0 },
          include: ['shared/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'server/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          root: '.',
          sequence: { groupOrder: 1 },
          include: ['server/**/*.db.test.ts', 'drizzle/**/*.db.test.ts'],
          // The SIGKILL suites spawn worker processes; they run alone, one after another (project crash).
          exclude: ['server/**/*.crash.db.test.ts', '**/node_modules/**'],
          globalSetup: ['./server/testing/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          sequence: { groupOrder: 4 },
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'crash',
          root: '.',
          sequence: { groupOrder: 2 },
          include: ['server/**/*.crash.db.test.ts'],
          globalSetup: ['./server/testing/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'slow',
          root: '.',
          // Beside the crash project (each runs one file at a time): their files mostly wait on killed and restarted
          // processes, and they kill processes of their own only, on databases of their own.
          sequence: { groupOrder: 2 },
          include: ['server/**/*.crash.test.ts', 'server/db/embedded-postgres.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
