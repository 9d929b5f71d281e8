/** The PostgreSQL schema is the SQLite schema with another provider and header; nothing else differs. */
const SQLITE_HEADER = /^\/\/ SQLite schema:[^\n]*\n(\/\/[^\n]*\n)*/;
const POSTGRES_HEADER =
  "// PostgreSQL schema: production. GENERATED from ../schema.prisma by `npm run db -- sync-schema`;\n" +
  "// edit that file, then add a migration for each provider.\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  if (!SQLITE_HEADER.test(sqliteSchema) || !sqliteSchema.includes('provider = "sqlite"')) {
    throw new Error("prisma/schema.prisma must start with its SQLite header and use provider sqlite");
  }
  return sqliteSchema.replace(SQLITE_HEADER, POSTGRES_HEADER).replace('provider = "sqlite"', 'provider = "postgresql"');
}
