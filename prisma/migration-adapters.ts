/**
 * Driver adapters for Prisma's WebAssembly schema engine (migrations only, never at runtime).
 * Prisma 6.19's stock adapters have three bugs that break offline migrations; each wrapper below
 * fixes one of them. See ../shared/docs/toolchain.md ("Prisma offline") for the symptoms.
 */
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { sqliteFilePath, type DatabaseTarget } from "../app/adapters/database-target.server";

const PG_TEXT_OID = 25;
const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;

/** A migration-aware adapter factory for the target database, with the offline fixes applied. */
export function createMigrationAdapter(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  return target.provider === "postgresql" ? postgresMigrationAdapter(target.url) : sqliteMigrationAdapter(target.url);
}

function sqliteMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    // Fix 1: the engine replays each migration file as one executeRaw, but better-sqlite3 runs one
    // statement per call; route parameterless SQL through executeScript, which runs them all.
    connectToShadowDb: async () => withScriptForBareSql(await factory.connectToShadowDb()),
  };
}

function withScriptForBareSql(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(catalogSafePool(url), { disposeExternalPool: true });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: () => connectToFreshShadowDatabase(url),
  };
}

// Fix 3: the stock shadow connection reaches the main database (connectionString wins over
// `database`) and drops the shadow database before closing its pool. Create, connect by URL,
// and drop only after the pool is closed.
async function connectToFreshShadowDatabase(url: string): Promise<SqlDriverAdapter> {
  const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "_")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const shadowUrl = new URL(url);
  shadowUrl.pathname = `/${name}`;
  const adapter = await new PrismaPg(catalogSafePool(shadowUrl.toString()), {
    disposeExternalPool: true,
  }).connect();
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}"`);
    await cleanup.end();
  };
  return adapter;
}

// Fix 2: adapter-pg 6.19 cannot deserialize the catalog types `name` and `"char"` that the schema
// engine reads while introspecting; they are plain text, so report them as text.
function catalogSafePool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true, idleTimeoutMillis: 200 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // pg's Pool calls client.query with a callback; promise callers get a result to fix too.
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) => last(error, textForCatalogTypes(result));
        return query(...args);
      }
      return (query(...args) as Promise<unknown>).then(textForCatalogTypes);
    };
  });
  return pool;
}

function textForCatalogTypes<T>(result: T): T {
  for (const field of (result as { fields?: pg.FieldDef[] } | undefined)?.fields ?? []) {
    if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}
