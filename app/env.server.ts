/**
 * The environment, validated once at start. A wrong or missing variable stops the process with
 * one line that names it (never a stack trace); under a test runner the same message is thrown.
 */
import { z } from "zod";
import { resolveDatabaseTarget } from "./adapters/database-target.server";

// The same scopes as shopify.app.toml (`shopify app dev` sets SCOPES from it).
const DEFAULT_SCOPES =
  "read_products,read_inventory,read_orders,read_all_orders,read_customers,write_app_proxy,write_discounts";

const databaseSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        resolveDatabaseTarget(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^DATABASE_URL /, "") });
      }
    }),
});

const appSchema = databaseSchema.extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string({ error: "is required" }).min(1, "is required"),
  SHOPIFY_API_SECRET: z.string({ error: "is required" }).min(1, "is required"),
  SHOPIFY_APP_URL: z.url({ error: "must be the app's public URL, e.g. https://cartlift.example.com" }),
  SCOPES: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, "must be a comma-separated list of access scopes")
    .default(DEFAULT_SCOPES),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
});

export type AppEnv = z.infer<typeof appSchema>;
export type DatabaseEnv = z.infer<typeof databaseSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the app's environment; throws a ConfigError naming the first bad variable. */
export function parseAppEnv(source: Record<string, string | undefined>): AppEnv {
  return parseWith(appSchema, source);
}

/** Parses only what database access needs (scripts and the demo use this). */
export function parseDatabaseEnv(source: Record<string, string | undefined>): DatabaseEnv {
  return parseWith(databaseSchema, source);
}

function parseWith<T>(schema: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? "environment");
  throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
}

/** Runs a parse at start-up: prints the one-line message and exits outside tests. */
export function loadOrExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ConfigError) || process.env.VITEST) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
