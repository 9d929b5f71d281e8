/** Runs the Prisma CLI for a database URL (prisma.config.ts picks the schema and migrations). */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveDatabaseTarget } from "../adapters/database-target.server";

const PRISMA_BIN = path.resolve("node_modules/prisma/build/index.js");
const GENERATED_MARKER = path.resolve("node_modules/.prisma/client/.cartlift-schema");

export function runPrisma(args: string[], databaseUrl: string | undefined, quiet = true): void {
  const result = spawnSync(process.execPath, [PRISMA_BIN, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: resolveDatabaseTarget(databaseUrl).url,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`prisma ${args.join(" ")} failed:\n${output}`);
  }
}

/** Generates the Prisma client for the URL's provider unless it is already generated from that schema. */
export function generateClient(databaseUrl: string | undefined): boolean {
  const target = resolveDatabaseTarget(databaseUrl);
  const fingerprint = `${target.provider}:${createHash("sha256").update(readFileSync(target.schemaPath)).digest("hex")}`;
  if (existsSync(GENERATED_MARKER) && readFileSync(GENERATED_MARKER, "utf8") === fingerprint) return false;
  runPrisma(["generate"], target.url);
  writeFileSync(GENERATED_MARKER, fingerprint);
  return true;
}

/** Applies pending migrations to the URL's database. */
export function deployMigrations(databaseUrl: string | undefined): void {
  runPrisma(["migrate", "deploy"], databaseUrl);
}
