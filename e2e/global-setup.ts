/**
 * Builds the SPA and boots the whole app in-process on a fresh embedded Postgres (seeded with the demo data),
 * then hands the URL to the tests. Everything lives in one throwaway directory under .data/, removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { bootApp } from '../server/boot.ts';
import { parseEnv } from '../server/env.ts';
import { answerWholeWorkflows } from '../server/testing/fake-claude-answers.ts';
import { startFakeAnthropic } from '../server/testing/fake-anthropic.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234, no trailing slash */
    baseUrl: string;
  }
}

const REPO = path.resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject) {
  const workDir = path.join(REPO, '.data', `e2e-${randomBytes(5).toString('hex')}`);
  const distDir = path.join(workDir, 'dist');
  const remove = () => fs.rmSync(workDir, { recursive: true, force: true });
  const logs: string[] = [];

  // Claude is the one outside service the demo needs: a fake Messages API on loopback answers every skill.
  const claude = await startFakeAnthropic({ apiKey: 'e2e-key' });
  answerWholeWorkflows(claude, { confidence: 0.85 });
  process.env.ANTHROPIC_API_KEY = 'e2e-key';
  process.env.ANTHROPIC_BASE_URL = claude.url;

  try {
    await buildClient(distDir);
    const app = await bootApp(
      parseEnv({
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        EMBER_DATA_DIR: path.join(workDir, 'db'),
        EMBER_STATIC_DIR: distDir,
        DATABASE_URL: '',
      }),
      (line) => logs.push(line),
    );
    // 127.0.0.1 rather than `localhost`, which may resolve to ::1 where nothing listens.
    project.provide('baseUrl', `http://127.0.0.1:${app.port}`);
    return async () => {
      await app.stop();
      await claude.close();
      remove();
    };
  } catch (err) {
    if (logs.length) console.error(`e2e: app boot log:\n${logs.join('\n')}`);
    await claude.close();
    remove();
    throw err;
  }
}

/** A production build into our own directory, so a run never touches ./dist that a developer may be serving. */
async function buildClient(outDir: string) {
  // vitest sets NODE_ENV=test, and Vite would then bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(REPO, 'vite.config.ts'),
      root: path.join(REPO, 'client'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
