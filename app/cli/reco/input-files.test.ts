import { describe, expect, it } from "vitest";
import { mergeCatalogs, parseCatalogCsv, parseOrdersCsv } from "./orders-file";
import { parseQueries } from "./queries-file";

describe("parseQueries", () => {
  it("reads every kind and skips blank lines", () => {
    const text = [
      '{"id":"a","kind":"cross_sell","cart":["p1","p2"]}',
      "",
      '{"id":7,"kind":"upsell","product":"p1"}',
      '{"id":"c","kind":"down_sell","product":"p2"}',
    ].join("\n");
    expect(parseQueries(text, "q.jsonl")).toEqual([
      { id: "a", kind: "cross_sell", cart: ["p1", "p2"] },
      { id: 7, kind: "upsell", product: "p1" },
      { id: "c", kind: "down_sell", product: "p2" },
    ]);
  });

  it.each([
    { line: "{oops", message: "q.jsonl:3: not valid JSON" },
    { line: "[1]", message: "q.jsonl:3: expected a JSON object" },
    { line: '{"kind":"upsell","product":"p"}', message: "q.jsonl:3: id must be a non-empty string" },
    { line: '{"id":"x","kind":"bundle"}', message: "q.jsonl:3: kind must be cross_sell, upsell or down_sell" },
    { line: '{"id":"x","kind":"cross_sell","cart":"p1"}', message: "q.jsonl:3: cart must be an array of product ids" },
    { line: '{"id":"x","kind":"cross_sell","cart":[1]}', message: "q.jsonl:3: cart must be an array of product ids" },
    { line: '{"id":"x","kind":"upsell"}', message: "q.jsonl:3: product must be a non-empty product id" },
  ])("names the line: $message", ({ line, message }) => {
    const text = `{"id":"ok","kind":"cross_sell","cart":[]}\n\n${line}\n`;
    expect(() => parseQueries(text, "q.jsonl")).toThrow(message);
  });
});

describe("parseOrdersCsv", () => {
  it("builds baskets and infers product type and median price", () => {
    const text = [
      "price,product_type,product_id,order_id,quantity",
      "10.00,Mugs,m1,o1,2",
      "12.00,Mugs,m1,o2,",
      "11.00,,m1,o3,1",
      ",Tea,t1,o1,1",
      "5,,x1,o3,0",
    ].join("\n");
    const { baskets, inferredCatalog } = parseOrdersCsv(text, "orders.csv");
    // The zero-quantity line adds no item to its order, but its price is still a catalog fact.
    expect([baskets.orderCount, [...baskets.items.ids()], [...baskets.itemOrders]]).toEqual([3, ["m1", "t1"], [3, 1]]);
    expect(inferredCatalog).toEqual([
      { productId: "m1", productType: "Mugs", price: 1100 },
      { productId: "x1", productType: undefined, price: 500 },
    ]);
  });

  it("reads customer histories from customer_id and created_at (guest orders have none)", () => {
    const text = [
      "order_id,product_id,customer_id,created_at",
      "o1,a,c1,2026-01-02T10:00:00Z",
      "o1,b,c1,2026-01-02T10:00:00Z",
      "o2,c,,2026-01-03T10:00:00Z",
      "o3,d,c2,17",
      "o4,e,c2,",
    ].join("\n");
    expect(parseOrdersCsv(text, "orders.csv").purchases).toEqual([
      { customerId: "c1", at: Date.parse("2026-01-02T10:00:00Z"), productIds: ["a", "b"] },
      { customerId: "c2", at: 17, productIds: ["d"] },
      // No time: the order's place among the customers' orders in the file.
      { customerId: "c2", at: 2, productIds: ["e"] },
    ]);
    expect(parseOrdersCsv("order_id,product_id\no1,a\n", "orders.csv").purchases).toEqual([]);
  });

  it.each([
    { text: "order_id,product_id\no1,\n", message: "orders.csv:2: product_id is empty" },
    { text: "order_id,product_id\n,p\n", message: "orders.csv:2: order_id is empty" },
    { text: "order_id,product_id,quantity\no1,p,two\n", message: "orders.csv:2: quantity is not a number: two" },
    {
      text: "order_id,product_id,customer_id,created_at\no1,p,c1,yesterday\n",
      message: "orders.csv:2: created_at is not a date: yesterday",
    },
    {
      text: "order_id,product_id,price\no1,p,1\no2,p,$3\n",
      message: "orders.csv:3: price must be a non-negative number: $3",
    },
  ])("names the line: $message", ({ text, message }) => {
    expect(() => parseOrdersCsv(text, "orders.csv")).toThrow(message);
  });
});

describe("parseCatalogCsv", () => {
  it("reads products with optional tags and collections", () => {
    const text = 'product_id,product_type,price,tags\np1,Mugs,9.99,"gift|ceramic"\np2,,12,\n';
    expect(parseCatalogCsv(text, "catalog.csv")).toEqual([
      { productId: "p1", productType: "Mugs", price: 999, tags: ["gift", "ceramic"], collections: undefined },
      { productId: "p2", productType: undefined, price: 1200, tags: undefined, collections: undefined },
    ]);
  });

  it.each([
    { text: "product_id,price\np1,1\n", message: "catalog.csv:1: missing column product_type in the header" },
    { text: "product_id,product_type,price\np1,a,\n", message: "catalog.csv:2: price is empty" },
    { text: "product_id,product_type,price\np1,a,1\np1,a,2\n", message: "catalog.csv:3: duplicate product_id p1" },
  ])("names the line: $message", ({ text, message }) => {
    expect(() => parseCatalogCsv(text, "catalog.csv")).toThrow(message);
  });

  it("reads an optional title", () => {
    const text = "product_id,title,product_type,price\np1,Parkay Stick,Margarine,0.52\np2,,Margarine,1\n";
    expect(parseCatalogCsv(text, "catalog.csv").map((p) => p.title)).toEqual(["Parkay Stick", undefined]);
  });

  it("prefers catalog facts over facts inferred from orders", () => {
    const merged = mergeCatalogs(
      [{ productId: "a", price: 1 }],
      [
        { productId: "a", price: 2 },
        { productId: "b", price: 3 },
      ],
    );
    expect(merged).toEqual([
      { productId: "a", price: 1 },
      { productId: "b", price: 3 },
    ]);
  });
});
