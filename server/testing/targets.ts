/** The Postgres servers a database test runs against: always the embedded one, plus TEST_DATABASE_URL when set. */
export interface DbTarget {
  name: 'embedded' | 'server';
  /** Owner/superuser URL of the server's maintenance database. */
  adminUrl: string;
  /** Migrated, empty database to clone. */
  template: string;
  /** Migrated database with the demo seed, to clone. */
  seededTemplate: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTargets: DbTarget[];
  }
}

export function withDatabase(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
