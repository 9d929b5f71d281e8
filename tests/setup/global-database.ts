/**
 * Migrates one base database per run with the real migrations (SQLite file, or a PostgreSQL
 * template database); each worker then gets its own copy (tests/setup/worker-database.ts).
 */
import { mkdirSync, rmSync } from "node:fs";
import pg from "pg";
import { deployMigrations, generateClient } from "../../app/cli/prisma-cli";
import { PG_TEMPLATE, SQLITE_BASE, TEST_DIR, postgresServerUrl, withDatabase } from "./test-database";

export default async function setup() {
  rmSync(TEST_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DIR, { recursive: true });
  const server = postgresServerUrl();
  if (!server) {
    generateClient(undefined);
    deployMigrations(`file:${SQLITE_BASE}`);
    return;
  }
  generateClient(server);
  await dropTestDatabases(server);
  await adminQuery(server, `CREATE DATABASE "${PG_TEMPLATE}"`);
  deployMigrations(withDatabase(server, PG_TEMPLATE));
  return () => dropTestDatabases(server);
}

async function dropTestDatabases(server: string) {
  const { rows } = await adminQuery(server, "SELECT datname FROM pg_database WHERE datname LIKE 'cartlift_test_%'");
  for (const row of rows) await adminQuery(server, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
}

async function adminQuery(server: string, sql: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await client.query<{ datname: string }>(sql);
  } finally {
    await client.end();
  }
}
