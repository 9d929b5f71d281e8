/** Gives each test worker its own copy of the migrated base database, once per worker process. */
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PG_TEMPLATE, SQLITE_BASE, TEST_DIR, postgresServerUrl, withDatabase } from "./test-database";

const worker = process.env.VITEST_POOL_ID ?? "1";

if (!process.env.CARTLIFT_TEST_DATABASE_READY) {
  const server = postgresServerUrl();
  if (server) {
    const name = `cartlift_test_w${worker}`;
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`);
    await client.end();
    process.env.DATABASE_URL = withDatabase(server, name);
  } else {
    const file = path.join(TEST_DIR, `worker-${worker}.sqlite`);
    copyFileSync(SQLITE_BASE, file);
    process.env.DATABASE_URL = `file:${file}`;
  }
  process.env.CARTLIFT_TEST_DATABASE_READY = "1";
}
