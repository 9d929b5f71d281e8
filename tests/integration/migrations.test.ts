import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "../../app/adapters/database-target.server";
import { deployMigrations, runPrisma } from "../../app/cli/prisma-cli";
import { PG_TEMPLATE, postgresServerUrl, withDatabase } from "../setup/test-database";

const server = postgresServerUrl();
const currentUrl = server ?? `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "cartlift-")), "drift.sqlite")}`;

describe(`migrations (${server ? "postgresql" : "sqlite"})`, () => {
  it("apply to an empty database and leave no drift from the schema", () => {
    const target = resolveDatabaseTarget(currentUrl);
    if (target.provider === "sqlite") deployMigrations(currentUrl);
    // --exit-code makes prisma fail when replaying the migrations does not yield the schema.
    expect(() =>
      runPrisma(
        [
          "migrate",
          "diff",
          "--from-migrations",
          target.migrationsPath,
          "--to-schema-datamodel",
          target.schemaPath,
          "--exit-code",
        ],
        currentUrl,
      ),
    ).not.toThrow();
  });

  it.skipIf(!server)("create the same tables and columns on SQLite and PostgreSQL", async () => {
    const sqliteFile = path.join(mkdtempSync(path.join(os.tmpdir(), "cartlift-")), "columns.sqlite");
    deployMigrations(`file:${sqliteFile}`);

    expect(await postgresColumns(withDatabase(server!, PG_TEMPLATE))).toEqual(sqliteColumns(sqliteFile));
  });
});

function sqliteColumns(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const result = Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).sort(),
    ]),
  );
  db.close();
  return result;
}

async function postgresColumns(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name",
  );
  await client.end();
  const result: Record<string, string[]> = {};
  for (const row of rows) (result[row.table_name] ??= []).push(row.column_name);
  for (const columns of Object.values(result)) columns.sort();
  return result;
}
