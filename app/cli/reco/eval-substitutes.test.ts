import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEvalSubstitutes } from "./eval-substitutes";

const dir = mkdtempSync(join(tmpdir(), "reco-margarine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const products = ["a", "b", "c", "d"];
writeFileSync(
  join(dir, "catalog.csv"),
  ["product_id,title,product_type,price", ...products.map((p, i) => `${p},${p.toUpperCase()},Spread,${i + 1}.00`)].join(
    "\n",
  ),
);
const rows = ["order_id,customer_id,sequence,product_id,price"];
for (let h = 0; h < 20; h++) {
  for (let s = 0; s < 4; s++) rows.push(`h${h}-${s},h${h},${s},${products[(h + s) % 4]},1.00`);
}
writeFileSync(join(dir, "purchases.csv"), rows.join("\n"));

describe("reco eval-substitutes", () => {
  it("prints the three baselines per seed and the paired comparison", () => {
    const out: string[] = [];
    const code = runEvalSubstitutes(["--data", dir, "--seeds", "1,2", "--inner", "101"], {
      stdout: (l) => out.push(l),
      stderr: (l) => out.push(l),
    });
    expect(code).toBe(0);
    const text = out.join("\n");
    for (const row of ["random", "popularity", "model", "model_shopper", "model_app_bands", "model_nested"]) {
      expect(text).toMatch(new RegExp(`^${row} +\\d\\.\\d{4} / \\d\\.\\d{4}`, "m"));
    }
    for (const row of ["model", "model_shopper", "model_nested"])
      expect(text).toMatch(new RegExp(`^${row} +HR@1 +pooled +[+-]\\d\\.\\d{4} +\\d+/\\d+ +`, "m"));
    expect(text).toContain("seed 2:");
    expect(text).toMatch(/^Every household tested once \(5 disjoint folds of seed 1's shuffle, \d+ queries\):$/m);
    expect(text).toMatch(/^model_shopper +\d\.\d{4} \/ \d\.\d{4} +[+-]\d\.\d{4} +\d+\/\d+/m);
  });

  it("names a missing data folder", () => {
    const err: string[] = [];
    expect(() =>
      runEvalSubstitutes(["--data", join(dir, "none")], { stdout: () => {}, stderr: (l) => err.push(l) }),
    ).toThrow(/purchases\.csv: cannot read file \(ENOENT\)/);
  });
});
