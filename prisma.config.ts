// Prisma CLI configuration: DATABASE_URL picks the schema/migrations pair, and migrations run on
// the WebAssembly schema engine through driver adapters (no native engine download; see
// docs/decisions/002-sqlite-default-postgresql-production.md).
import { defineConfig } from "prisma/config";
import { DEFAULT_SQLITE_URL, resolveDatabaseTarget } from "./app/adapters/database-target.server";
import { createMigrationAdapter } from "./prisma/migration-adapters";

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to the native engine.
process.env.DATABASE_URL ||= DEFAULT_SQLITE_URL;
const target = resolveDatabaseTarget(process.env.DATABASE_URL);

export default defineConfig({
  schema: target.schemaPath,
  migrations: { path: target.migrationsPath },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => createMigrationAdapter(target),
});
