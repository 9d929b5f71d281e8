/**
 * Which database the app talks to, derived from DATABASE_URL alone: embedded SQLite by default,
 * PostgreSQL for a postgres:// URL. Each provider has its own Prisma schema and migrations
 * (docs/decisions/002-sqlite-default-postgresql-production.md).
 */
export type DatabaseProvider = "sqlite" | "postgresql";

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
  schemaPath: string;
  migrationsPath: string;
}

export const DEFAULT_SQLITE_URL = "file:./prisma/dev.sqlite";

const TARGETS: Record<DatabaseProvider, Omit<DatabaseTarget, "url" | "provider">> = {
  sqlite: { schemaPath: "prisma/schema.prisma", migrationsPath: "prisma/migrations" },
  postgresql: {
    schemaPath: "prisma/postgresql/schema.prisma",
    migrationsPath: "prisma/postgresql/migrations",
  },
};

/** Returns the provider, schema and migrations that a database URL selects. */
export function resolveDatabaseTarget(url: string | undefined): DatabaseTarget {
  const effective = url && url.trim() !== "" ? url.trim() : DEFAULT_SQLITE_URL;
  const provider = providerOf(effective);
  return { provider, url: effective, ...TARGETS[provider] };
}

function providerOf(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL), got "${url.split(":")[0]}:…"`,
  );
}

/** The file path of a SQLite URL (file:./x.sqlite → ./x.sqlite). */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
