/** Where integration tests keep their databases: SQLite files by default, PostgreSQL when asked. */
import path from "node:path";

// CARTLIFT_TEST_DIR lets runs side by side in one checkout keep apart (each run empties its directory).
export const TEST_DIR = path.resolve(process.env.CARTLIFT_TEST_DIR ?? ".tmp/test");
export const SQLITE_BASE = path.join(TEST_DIR, "base.sqlite");
export const PG_TEMPLATE = "cartlift_test_template";

/** The PostgreSQL server URL for this run, or undefined for SQLite. */
export function postgresServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_PROVIDER === "postgresql" ? process.env.TEST_POSTGRES_URL : undefined;
}

/** The same server URL with another database name. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
