/**
 * Starts `npm run demo` (the real demo: database, seed, build, server) on its own port and
 * database for the browser tests, and stops it afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";

const PORT = process.env.E2E_PORT ?? "3917";
const STOREFRONT_PORT = process.env.E2E_STOREFRONT_PORT ?? String(Number(PORT) + 1);

export default async function setup(project: TestProject) {
  // A fresh demo database each run: the flows below create rules.
  rmSync(".tmp/e2e", { recursive: true, force: true });
  mkdirSync(".tmp/e2e", { recursive: true });
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/demo.ts"], {
    env: {
      ...process.env,
      PORT,
      STOREFRONT_PORT,
      DEMO_DATABASE_URL: "file:./.tmp/e2e/demo.sqlite",
      NODE_ENV: "development",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { origin, storefrontOrigin } = await waitForReady(child);
  project.provide("demoOrigin", origin);
  project.provide("storefrontOrigin", storefrontOrigin);
  return () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

function waitForReady(child: ChildProcess): Promise<{ origin: string; storefrontOrigin: string }> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`demo did not start in 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Admin \(embedded, demo shop\):\s+(http:\/\/\S+)\/demo\/admin/.exec(output);
      const storefront = /Storefront \(demo shop\):\s+(http:\/\/[^\s/]+)/.exec(output);
      if (match && storefront) {
        clearTimeout(timer);
        resolve({ origin: match[1]!, storefrontOrigin: storefront[1]! });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    demoOrigin: string;
    /** The demo shop's storefront (its own origin, paths as on a real shop). */
    storefrontOrigin: string;
  }
}
