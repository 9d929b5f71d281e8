/**
 * Database commands: `npm run db -- <command>`.
 *   generate      generate the Prisma client for DATABASE_URL's provider (SQLite when unset)
 *   deploy        apply pending migrations to DATABASE_URL
 *   setup         generate + deploy (what `npm run setup` does)
 *   sync-schema   rewrite prisma/postgresql/schema.prisma from prisma/schema.prisma
 */
import { readFileSync, writeFileSync } from "node:fs";
import { postgresSchemaFrom } from "../../prisma/schema-sync";
import { deployMigrations, generateClient } from "./prisma-cli";

const commands: Record<string, () => void> = {
  generate: () => {
    const generated = generateClient(process.env.DATABASE_URL);
    console.log(generated ? "Prisma client generated" : "Prisma client up to date");
  },
  deploy: () => {
    deployMigrations(process.env.DATABASE_URL);
    console.log("Migrations applied");
  },
  setup: () => {
    commands.generate!();
    commands.deploy!();
  },
  "sync-schema": () => {
    writeFileSync("prisma/postgresql/schema.prisma", postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8")));
    console.log("prisma/postgresql/schema.prisma rewritten from prisma/schema.prisma");
  },
};

const name = process.argv[2] ?? "";
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}". Use one of: ${Object.keys(commands).join(", ")}`);
  process.exit(2);
}
try {
  command();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
