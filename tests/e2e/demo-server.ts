/**
 * Starts `npm run demo` (the real demo: database, seed, build, server) on its own port and
 * database for the browser tests, and stops it afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";

const PORT = process.env.E2E_PORT ?? "3917";

export default async function setup(project: TestProject) {
  // A fresh demo database each run: the flows below create rules.
  rmSync(".tmp/e2e", { recursive: true, force: true });
  mkdirSync(".tmp/e2e", { recursive: true });
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/demo.ts"], {
    env: { ...process.env, PORT, DEMO_DATABASE_URL: "file:./.tmp/e2e/demo.sqlite", NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const origin = await waitForReady(child);
  project.provide("demoOrigin", origin);
  return () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`demo did not start in 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Admin \(embedded, demo shop\):\s+(http:\/\/\S+)\/demo\/admin/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
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
  }
}
