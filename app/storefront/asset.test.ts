import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compileStorefront, STOREFRONT_ASSET, STOREFRONT_BUDGET_BYTES } from "../cli/build-storefront";

describe("the compiled storefront asset", () => {
  const committed = readFileSync(STOREFRONT_ASSET, "utf8");

  it("is what app/storefront compiles to (run `npm run build:storefront` after changing the script)", () => {
    expect(committed === compileStorefront(), `${STOREFRONT_ASSET} is stale: run npm run build:storefront`).toBe(true);
  });

  it(`stays under ${STOREFRONT_BUDGET_BYTES} bytes minified`, () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(STOREFRONT_BUDGET_BYTES);
    expect(gzipSync(committed).length).toBeLessThan(3_500);
  });

  it("is one self-contained script: no imports, no framework, no console output", () => {
    expect(committed.startsWith("(()=>{")).toBe(true);
    expect(committed).not.toMatch(/\bimport\b|\brequire\(|console\./);
  });
});
