import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEval } from "./eval";

const dir = mkdtempSync(join(tmpdir(), "reco-eval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 300 baskets over 40 items with a planted pair per basket.
const rows = Array.from({ length: 300 }, (_, t) => [
  `${t},"i${t % 40}"`,
  `${t},"i${(t + 1) % 40}"`,
  `${t},"i${(t * 7) % 40}"`,
]);
const data = join(dir, "baskets.csv");
writeFileSync(data, ["txn,item", ...rows.flat()].join("\n"));

describe("reco eval", () => {
  it("prints a table per model and the paired comparison", () => {
    const out: string[] = [];
    const code = runEval(["--data", data, "--seeds", "1,2"], { stdout: (l) => out.push(l), stderr: () => undefined });
    expect(code).toBe(0);
    const models = out
      .filter((l) => /^(random|popularity|co_purchase|ease|blend) /.test(l))
      .map((l) => l.split(" ")[0]);
    expect(models).toEqual(["random", "popularity", "co_purchase", "ease", "blend"]);
    expect(out.filter((l) => /^(HR@10|NDCG@10|MRR@20) /.test(l))).toHaveLength(3);
  });

  it("rejects a malformed seed list", () => {
    expect(() =>
      runEval(["--data", data, "--seeds", "1,x"], { stdout: () => undefined, stderr: () => undefined }),
    ).toThrow("--seeds must be a comma-separated list of integers");
  });
});
