import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { resolveDatabaseTarget, sqliteFilePath } from "./adapters/database-target.server";
import { loadOrExit, parseDatabaseEnv } from "./env.server";

/** A Prisma client for a database URL, through the driver adapter its provider needs. */
export function createPrismaClient(url: string | undefined): PrismaClient {
  const target = resolveDatabaseTarget(url);
  const adapter =
    target.provider === "postgresql"
      ? new PrismaPg({ connectionString: target.url })
      : new PrismaBetterSQLite3({ url: sqliteFilePath(target.url), timeout: 5000 });
  return new PrismaClient({ adapter });
}

declare global {
  // Survives module reloads in development so connections are not leaked.
  var __cartliftPrisma: PrismaClient | undefined;
}

const { DATABASE_URL } = loadOrExit(() => parseDatabaseEnv(process.env));

export const prisma: PrismaClient = (globalThis.__cartliftPrisma ??= createPrismaClient(DATABASE_URL));

/** The provider behind `prisma`, for the few queries whose semantics differ between the two. */
export const databaseProvider = resolveDatabaseTarget(DATABASE_URL).provider;

export default prisma;
