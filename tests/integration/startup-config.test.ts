import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The server process itself, started with a broken environment: one line naming the variable.
function startServerModule(env: Record<string, string | undefined>) {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const cleanEnv: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    DATABASE_URL: process.env.DATABASE_URL ?? "",
  };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
  return spawnSync(process.execPath, [tsx, "app/shopify.server.ts"], { env: cleanEnv, encoding: "utf8" });
}

describe("starting with bad configuration", () => {
  it.each([
    [
      { SHOPIFY_API_KEY: "k", SHOPIFY_APP_URL: "https://a.example.com" },
      "Invalid configuration: SHOPIFY_API_SECRET is required",
    ],
    [
      { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "nope" },
      "Invalid configuration: SHOPIFY_APP_URL must be the app's public URL, e.g. https://cartlift.example.com",
    ],
  ])("exits 1 with one line and no stack trace (%#)", (env, line) => {
    const result = startServerModule(env);

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(line);
  });
});

describe("the demo", () => {
  it("refuses to start with NODE_ENV=production", () => {
    const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
    const result = spawnSync(process.execPath, [tsx, "app/cli/demo.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
      encoding: "utf8",
    });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "npm run demo refuses to run with NODE_ENV=production: the demo signs its own admin sessions.",
    );
  });
});
