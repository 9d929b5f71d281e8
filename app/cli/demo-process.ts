/**
 * Runs `npm run demo` (the real demo: database, seed, build, admin and storefront servers) as a
 * child process on its own ports and database, for benchmarks that need a live app. Resolves once
 * both servers print their URLs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export interface DemoProcess {
  /** The app (admin, proxy routes, healthz). */
  appOrigin: string;
  /** The demo shop's storefront. */
  storefrontOrigin: string;
  stop(): Promise<void>;
}

export interface DemoProcessOptions {
  port: number;
  storefrontPort: number;
  /** A folder for the demo's database, emptied first. */
  dataDir: string;
  timeoutMs?: number;
}

/** Starts the demo and waits until its admin and storefront URLs are printed. */
export async function startDemoProcess(options: DemoProcessOptions): Promise<DemoProcess> {
  rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "app/cli/demo.ts"], {
    env: {
      ...process.env,
      PORT: String(options.port),
      STOREFRONT_PORT: String(options.storefrontPort),
      DEMO_DATABASE_URL: `file:${path.join(options.dataDir, "demo.sqlite")}`,
      NODE_ENV: "development",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { appOrigin, storefrontOrigin } = await waitForUrls(child, options.timeoutMs ?? 180_000);
  return {
    appOrigin,
    storefrontOrigin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function waitForUrls(child: ChildProcess, timeoutMs: number): Promise<{ appOrigin: string; storefrontOrigin: string }> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`the demo did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const admin = /Admin \(embedded, demo shop\):\s+(http:\/\/\S+)\/demo\/admin/.exec(output);
      const storefront = /Storefront[^:\n]*:\s+(http:\/\/[^\s/]+)/.exec(output);
      if (admin && storefront) {
        clearTimeout(timer);
        resolve({ appOrigin: admin[1]!, storefrontOrigin: storefront[1]! });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code}:\n${output}`));
    });
  });
}
