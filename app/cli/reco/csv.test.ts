import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvTable } from "./csv";

function records(text: string): [string[], number][] {
  const out: [string[], number][] = [];
  parseCsv(text, "f.csv", (fields, line) => out.push([fields, line]));
  return out;
}

describe("parseCsv", () => {
  it.each([
    {
      name: "plain",
      text: "a,b\n1,2\n",
      expected: [
        [["a", "b"], 1],
        [["1", "2"], 2],
      ],
    },
    {
      name: "no final newline, CRLF",
      text: "a,b\r\n1,2",
      expected: [
        [["a", "b"], 1],
        [["1", "2"], 2],
      ],
    },
    { name: "quoted comma and quote", text: '"x, y","say ""hi"""\n', expected: [[["x, y", 'say "hi"'], 1]] },
    {
      name: "newline inside quotes",
      text: 'a,"line1\nline2"\nb,c\n',
      expected: [
        [["a", "line1\nline2"], 1],
        [["b", "c"], 3],
      ],
    },
    {
      name: "empty fields",
      text: ",\n,x\n",
      expected: [
        [["", ""], 1],
        [["", "x"], 2],
      ],
    },
    {
      name: "blank lines skipped, BOM dropped",
      text: "\ufeffa\n\n\nb\n",
      expected: [
        [["a"], 1],
        [["b"], 4],
      ],
    },
    { name: "empty quoted field", text: '"",1\n', expected: [[["", "1"], 1]] },
  ])("$name", ({ text, expected }) => {
    expect(records(text)).toEqual(expected);
  });

  it.each([
    { text: 'a,"open\nstill open', message: "f.csv:1: unterminated quoted field" },
    { text: 'a\nb"c\n', message: "f.csv:2: quote inside an unquoted field" },
    { text: 'a\n"b"c\n', message: "f.csv:2: unexpected character after a quoted field" },
  ])("names the line of bad quoting: $message", ({ text, message }) => {
    expect(() => records(text)).toThrow(message);
  });
});

describe("parseCsvTable", () => {
  it("reads cells by header name in any column order", () => {
    const rows: string[][] = [];
    parseCsvTable(" Product_ID ,order_id\n p1 ,o1\n", "t.csv", ["order_id", "product_id"], (get, line) =>
      rows.push([get("order_id") ?? "?", get("product_id") ?? "?", get("price") ?? "none", String(line)]),
    );
    expect(rows).toEqual([["o1", "p1", "none", "2"]]);
  });

  it.each([
    { text: "order_id\n1\n", message: "t.csv:1: missing column product_id in the header" },
    { text: "order_id,product_id\n1,a\n2,b,c\n", message: "t.csv:3: expected 2 fields, found 3" },
    { text: "", message: "t.csv:1: empty file" },
  ])("rejects $message", ({ text, message }) => {
    expect(() => parseCsvTable(text, "t.csv", ["order_id", "product_id"], () => undefined)).toThrow(message);
  });
});
