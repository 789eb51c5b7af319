/** A crash-worker.ts process the SIGKILL suites start, kill and restart. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { sleep } from '../../db/embedded-postgres-stale.ts';

const WORKER = path.join(import.meta.dirname, 'crash-worker.ts');

/** A worker process: resolves `ready` on READY; `exit` settles when it is gone. */
export class WorkerProcess {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  readonly exit: Promise<number | null>;
  killedAt: number | null = null;
  exited = false;
  private err = '';
  private out = '';

  /** `env` is added to this process's environment (e.g. CRASH_CHECKPOINT_HOLD, see crash-worker.ts). */
  constructor(url: string, readonly name: string, env: Record<string, string> = {}) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', WORKER, url, name], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc.stdout!.on('data', (d: Buffer) => {
      this.out += d;
    });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.err = (this.err + d).slice(-8000);
    });
    this.exit = new Promise((resolve) => this.proc.once('exit', (code) => { this.exited = true; resolve(code); }));
    this.ready = new Promise((resolve, reject) => {
      let out = '';
      this.proc.stdout!.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('READY\n')) resolve();
      });
      void this.exit.then((code) => reject(new Error(`${name} exited (${code}) before READY:\n${this.err}`)));
    });
  }

  get stderr(): string {
    return this.err;
  }

  /** The first stdout line matching `pattern`, once printed; fails after `timeoutMs` or if the process exits first. */
  async line(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.out);
      if (m) return m;
      if (this.exited || Date.now() > deadline) throw new Error(`${this.name} never printed ${pattern}${this.exited ? ' (it exited)' : ''}:\n${this.err}`);
      await sleep(20); // polling the captured output, bounded
    }
  }

  async start(): Promise<this> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.ready, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${this.name} not READY after 30 s:\n${this.err}`)), 30_000); })]);
    } catch (err) {
      this.proc.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return this;
  }

  /** SIGKILL; resolves once the process is gone. An earlier exit of its own is a failure. */
  async kill(): Promise<void> {
    expect(this.exited, `${this.name} exited on its own:\n${this.err}`).toBe(false);
    this.proc.kill('SIGKILL');
    await this.exit;
    this.killedAt = Date.now();
  }

  async terminate(): Promise<void> {
    if (this.exited) return;
    this.proc.kill('SIGTERM');
    const gone = await Promise.race([this.exit.then(() => true), sleep(10_000).then(() => false)]);
    if (!gone) {
      this.proc.kill('SIGKILL');
      await this.exit;
    }
  }
}

