/**
 * `npm test`: unit, integration and checkout-extension tests on embedded SQLite, then (when
 * TEST_POSTGRES_URL is set) the integration tests again on PostgreSQL. Extra arguments go to vitest.
 * Ends with one line "tests: N passed, N failed" summing every pass.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateClient } from "./prisma-cli";

interface Pass {
  name: string;
  provider: "sqlite" | "postgresql";
  projects: string[];
}

const passes: Pass[] = [
  { name: "sqlite", provider: "sqlite", projects: ["unit", "integration", "checkout-extension"] },
];
if (process.env.TEST_POSTGRES_URL)
  passes.push({ name: "postgresql", provider: "postgresql", projects: ["integration"] });

const vitest = path.resolve("node_modules/vitest/vitest.mjs");
mkdirSync(".tmp", { recursive: true });
let passed = 0;
let failed = 0;
let ok = true;

for (const pass of passes) {
  console.log(`\n=== ${pass.name}: ${pass.projects.join(" + ")} ===`);
  const report = path.resolve(`.tmp/vitest-${pass.name}.json`);
  const args = [vitest, "run", ...pass.projects.flatMap((p) => ["--project", p])];
  args.push("--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2));
  const result = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE_PROVIDER: pass.provider },
  });
  ok &&= result.status === 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  } else {
    ok = false;
  }
}

// Leave the default (SQLite) client generated for the demo and development.
if (passes.length > 1) generateClient(undefined);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
