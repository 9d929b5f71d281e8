import { describe, expect, it } from "vitest";
import { rollupIncrements, type RollupEvent } from "./rollup";

const event = (type: string, overrides: Partial<RollupEvent> = {}): RollupEvent => ({
  type,
  surface: "cart",
  kind: "cross_sell",
  ruleId: "rule-1",
  personaId: "persona-1",
  productId: "gid://shopify/Product/1",
  occurredAt: new Date("2026-12-07T23:59:59Z"),
  ...overrides,
});

describe("rollupIncrements", () => {
  it("counts a batch per UTC day, surface, kind, rule, persona and product", () => {
    const rows = rollupIncrements([
      event("impression"),
      event("impression"),
      event("click"),
      event("add"),
      event("impression", { occurredAt: new Date("2026-12-08T00:00:00Z") }),
      event("decline", { ruleId: null, personaId: null }),
      event("view"),
    ]);
    expect(rows).toEqual([
      {
        key: {
          day: "2026-12-07",
          surface: "cart",
          kind: "cross_sell",
          ruleId: "rule-1",
          personaId: "persona-1",
          productId: "gid://shopify/Product/1",
        },
        counts: { impressions: 2, clicks: 1, adds: 1, declines: 0 },
      },
      {
        key: {
          day: "2026-12-08",
          surface: "cart",
          kind: "cross_sell",
          ruleId: "rule-1",
          personaId: "persona-1",
          productId: "gid://shopify/Product/1",
        },
        counts: { impressions: 1, clicks: 0, adds: 0, declines: 0 },
      },
      {
        key: {
          day: "2026-12-07",
          surface: "cart",
          kind: "cross_sell",
          ruleId: "",
          personaId: "",
          productId: "gid://shopify/Product/1",
        },
        counts: { impressions: 0, clicks: 0, adds: 0, declines: 1 },
      },
    ]);
  });

  it("makes nothing of no events", () => {
    expect(rollupIncrements([])).toEqual([]);
  });
});
