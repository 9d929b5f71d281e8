import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runRank } from "./rank";

const dir = mkdtempSync(join(tmpdir(), "reco-rank-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(argv: string[]): { code: number; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runRank(argv, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

const ORDERS = file(
  "orders.csv",
  [
    "order_id,product_id,quantity",
    "1,machine,1",
    "1,pods,2",
    "2,machine,1",
    "2,pods,1",
    "2,descaler,1",
    "3,pro-machine,1",
    "3,pods,1",
    "4,mini-machine,1",
    "4,descaler,1",
    "5,pods,1",
    "5,mug,1",
  ].join("\n"),
);
const CATALOG = file(
  "catalog.csv",
  [
    "product_id,product_type,price",
    "machine,Machine,199.00",
    "pro-machine,Machine,349.00",
    "mini-machine,Machine,99.00",
    "pods,Pods,9.99",
    "descaler,Care,5.00",
    "mug,Mug,12.00",
  ].join("\n"),
);
const QUERIES = file(
  "queries.jsonl",
  [
    '{"id":"c1","kind":"cross_sell","cart":["machine"]}',
    '{"id":"c2","kind":"cross_sell","cart":["machine","pods"]}',
    '{"id":"c3","kind":"cross_sell","cart":[]}',
    '{"id":"u1","kind":"upsell","product":"machine"}',
    '{"id":"d1","kind":"down_sell","product":"machine"}',
    '{"id":"d2","kind":"down_sell","product":"unknown"}',
  ].join("\n"),
);

describe("reco rank", () => {
  it("prints one JSON line per query and nothing else", () => {
    const result = run(["--train", ORDERS, "--queries", QUERIES, "--k", "2", "--catalog", CATALOG]);
    expect(result).toEqual({
      code: 0,
      stdout: [
        '{"id":"c1","items":["pods","descaler"]}',
        '{"id":"c2","items":["descaler","pro-machine"]}',
        '{"id":"c3","items":["pods","machine"]}',
        '{"id":"u1","items":["pro-machine"]}',
        '{"id":"d1","items":["mini-machine"]}',
        '{"id":"d2","items":[]}',
      ],
      stderr: [],
    });
  });

  it("ranks first what repeat customers switched to, from customer_id and created_at", () => {
    const catalog = file(
      "spreads.csv",
      "product_id,title,product_type,price\nstick,Parkay Spread 1 lb,Spread,0.52\ntub,Parkay Spread 1.5 lb,Spread,0.70\nbig,Parkay Spread 2 lb,Spread,1.00\n",
    );
    const histories = ["c1", "c2", "c3"].flatMap((c, i) => [
      `${c}-1,stick,${c},2026-01-0${i + 1}`,
      `${c}-2,big,${c},2026-02-0${i + 1}`,
    ]);
    const queries = file("u.jsonl", '{"id":"u","kind":"upsell","product":"stick"}\n');
    const withCustomers = file("switches.csv", ["order_id,product_id,customer_id,created_at", ...histories].join("\n"));
    const without = file(
      "no-switches.csv",
      ["order_id,product_id", ...histories.map((l) => l.split(",").slice(0, 2).join(","))].join("\n"),
    );
    const rank = (orders: string) =>
      run(["--train", orders, "--queries", queries, "--k", "2", "--catalog", catalog]).stdout;
    // Without histories the closer price comes first; three switches to the big tub reorder it.
    expect(rank(without)).toEqual(['{"id":"u","items":["tub","big"]}']);
    expect(rank(withCustomers)).toEqual(['{"id":"u","items":["big","tub"]}']);
  });

  it("infers type and price from order columns when there is no catalog", () => {
    const orders = file(
      "priced.csv",
      "order_id,product_id,price,product_type\n1,a,10,T\n1,b,30,T\n2,c,5,T\n2,a,10,T\n3,d,15,U\n",
    );
    const queries = file(
      "q2.jsonl",
      '{"id":"u","kind":"upsell","product":"a"}\n{"id":"d","kind":"down_sell","product":"a"}\n',
    );
    expect(run(["--train", orders, "--queries", queries, "--k", "5"]).stdout).toEqual([
      '{"id":"u","items":[]}',
      '{"id":"d","items":["c"]}',
    ]);
  });

  it.each([
    {
      name: "bad query kind",
      queries: '{"id":"a","kind":"cross_sell","cart":[]}\n\n{"id":"b","kind":"bundle"}\n',
      message: "bad.jsonl:3: kind must be cross_sell, upsell or down_sell",
    },
    { name: "broken JSON", queries: "{\n", message: "bad.jsonl:1: not valid JSON" },
  ])("fails with exit code 2 on a $name, printing nothing on stdout", ({ queries, message }) => {
    const path = file("bad.jsonl", queries);
    const result = run(["--train", ORDERS, "--queries", path, "--k", "3"]);
    expect(result).toEqual({ code: 2, stdout: [], stderr: [`${path.replace("bad.jsonl", "")}${message}`] });
  });

  it.each([
    {
      name: "bad orders line",
      argv: () => ["--train", file("o.csv", "order_id,product_id\n1,a\n2\n"), "--queries", QUERIES],
      message: "o.csv:3: expected 2 fields, found 1",
    },
    {
      name: "missing file",
      argv: () => ["--train", join(dir, "none.csv"), "--queries", QUERIES],
      message: "none.csv: cannot read file (ENOENT)",
    },
    {
      name: "bad k",
      argv: () => ["--train", ORDERS, "--queries", QUERIES, "--k", "0"],
      message: "arguments: --k must be a positive integer",
    },
    { name: "missing flag", argv: () => ["--queries", QUERIES], message: "arguments: --train is required" },
  ])("fails with exit code 2 on a $name", ({ argv, message }) => {
    const result = run(argv());
    expect([result.code, result.stdout, result.stderr.length, result.stderr[0].endsWith(message)]).toEqual([
      2,
      [],
      1,
      true,
    ]);
  });
});
