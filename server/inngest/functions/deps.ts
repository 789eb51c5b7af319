import type { Db } from '../../db/client.ts';

/** Handles every function receives: side effects enter here, so tests can hand in their own database. */
export interface FunctionDeps {
  db: Db;
  log: (line: string) => void;
}
